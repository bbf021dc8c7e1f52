package io.mediafleet.schema.link;

import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mediafleet.schema.json.Fields;
import org.jspecify.annotations.Nullable;

/**
 * Every message type a link understands, each registered exactly once with its wire name, kind,
 * allowed directions and data class. The codec decodes only registered types travelling in an
 * allowed direction.
 *
 * <p>Services add their own events and requests next to the core messages:
 * <pre>{@code
 * LinkCatalogue catalogue = LinkCatalogue.builder()
 *     .withCoreMessages()
 *     .event("burn_status_event", BurnStatusEvent.class, Direction.SLAVE_TO_MASTER)
 *     .request("queue_add_request", QueueAdd.class, QueueAddResult.class, Direction.CONTROL_TO_MASTER)
 *     .build();
 * }</pre>
 * Registering {@code queue_add_request} also registers {@code queue_add_response} in the opposite
 * direction(s), with {@code QueueAddResult} as the result of its {@link Response}.
 */
public final class LinkCatalogue {

	static final String EVENT_SUFFIX = "_event";

	static final String REQUEST_SUFFIX = "_request";

	static final String RESPONSE_SUFFIX = "_response";

	/** Lower-case words joined by underscores, as every name of the original. */
	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(?:_[a-z0-9]+)*");

	/** The protocol's own messages, each with its explicit wire name. */
	static final List<LinkMessageType> CORE = List.of(
			core(Hello.TYPE, LinkMessageKind.HANDSHAKE, Direction.fromMaster(), Hello.class),
			core(RegisterSlave.TYPE, LinkMessageKind.HANDSHAKE, EnumSet.of(Direction.SLAVE_TO_MASTER), RegisterSlave.class),
			core(RegisterControl.TYPE, LinkMessageKind.HANDSHAKE, EnumSet.of(Direction.CONTROL_TO_MASTER),
					RegisterControl.class),
			core(Ready.TYPE, LinkMessageKind.HANDSHAKE, Direction.fromMaster(), Ready.class),
			core(Resume.TYPE, LinkMessageKind.HANDSHAKE, Direction.toMaster(), Resume.class),
			core(Continue.TYPE, LinkMessageKind.HANDSHAKE, Direction.fromMaster(), Continue.class),
			core(Invalidate.TYPE, LinkMessageKind.HANDSHAKE, Direction.fromMaster(), Invalidate.class),
			core(Heartbeat.TYPE, LinkMessageKind.HEARTBEAT, Direction.all(), Heartbeat.class),
			core(Close.TYPE, LinkMessageKind.CLOSE, Direction.all(), Close.class));

	private final Map<String, LinkMessageType> byName;

	private final Map<Class<?>, LinkMessageType> byDataClass;

	private LinkCatalogue(Map<String, LinkMessageType> byName, Map<Class<?>, LinkMessageType> byDataClass) {
		this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
		this.byDataClass = Map.copyOf(byDataClass);
	}

	/** An empty builder; call {@link Builder#withCoreMessages()} for a catalogue that can run a link. */
	public static Builder builder() {
		return new Builder();
	}

	/** A catalogue of the core messages only. */
	public static LinkCatalogue core() {
		return builder().withCoreMessages().build();
	}

	/** The registration named {@code name}, or {@code null}. */
	public @Nullable LinkMessageType find(String name) {
		return this.byName.get(name);
	}

	/**
	 * The registration named {@code name}.
	 * @throws IllegalArgumentException if there is none
	 */
	public LinkMessageType get(String name) {
		LinkMessageType type = this.byName.get(name);
		if (type == null) {
			throw new IllegalArgumentException("Message type '" + name + "' is not registered");
		}
		return type;
	}

	/** Every registration, core messages first, then in registration order; responses follow their request. */
	public Collection<LinkMessageType> types() {
		return this.byName.values();
	}

	/**
	 * The wire name registered for the class of {@code data}: works for core, event and request
	 * data, whose classes are registered once each.
	 * @throws IllegalArgumentException for a response or an unregistered class
	 */
	public String typeOf(LinkData data) {
		if (data instanceof LinkResponse) {
			throw new IllegalArgumentException("A response's type follows from its request: use response(...)");
		}
		LinkMessageType type = this.byDataClass.get(data.getClass());
		if (type == null) {
			throw new IllegalArgumentException(data.getClass().getName() + " is not registered in this catalogue");
		}
		return type.name();
	}

	/** A message numbered {@code seq} carrying {@code data} under its registered name. */
	public LinkMessage message(long seq, LinkData data) {
		return new LinkMessage(seq, typeOf(data), data);
	}

	/** The successful response, numbered {@code seq}, to {@code request}. */
	public LinkMessage response(long seq, LinkMessage request, LinkResponseData result) {
		LinkMessageType responseType = get(responseTypeOf(requireRequest(request)));
		if (!responseType.dataClass().isInstance(result)) {
			throw new IllegalArgumentException("The result of " + responseType.name() + " must be a "
					+ responseType.dataClass().getName() + " but was a " + result.getClass().getName());
		}
		return new LinkMessage(seq, responseType.name(), Response.of(request.seq(), result));
	}

	/** The error response, numbered {@code seq}, to {@code request}. */
	public LinkMessage errorResponse(long seq, LinkMessage request, String error) {
		return new LinkMessage(seq, responseTypeOf(requireRequest(request)), ErrorResponse.of(request.seq(), error));
	}

	/** The response name of a request name: {@code queue_add_request} answers as {@code queue_add_response}. */
	public static String responseTypeOf(String requestType) {
		if (!requestType.endsWith(REQUEST_SUFFIX)) {
			throw new IllegalArgumentException("'" + requestType + "' is not a request name");
		}
		return requestType.substring(0, requestType.length() - REQUEST_SUFFIX.length()) + RESPONSE_SUFFIX;
	}

	private String requireRequest(LinkMessage request) {
		LinkMessageType type = get(request.type());
		if (type.kind() != LinkMessageKind.REQUEST) {
			throw new IllegalArgumentException("'" + request.type() + "' is not a request");
		}
		return type.name();
	}

	private static LinkMessageType core(String name, LinkMessageKind kind, Set<Direction> directions,
			Class<? extends LinkCoreData> dataClass) {
		return new LinkMessageType(name, kind, directions, dataClass);
	}

	/**
	 * Collects registrations and refuses, as soon as they are made, duplicate names, event names
	 * not ending in {@code _event}, request names not ending in {@code _request}, data classes
	 * Jackson cannot instantiate, and event or request classes registered twice.
	 */
	public static final class Builder {

		private final Map<String, LinkMessageType> byName = new LinkedHashMap<>();

		private final Map<Class<?>, LinkMessageType> byDataClass = new LinkedHashMap<>();

		private Builder() {
		}

		/** Registers the protocol's own messages: handshake, heartbeat and close. */
		public Builder withCoreMessages() {
			for (LinkMessageType type : CORE) {
				add(type, true);
			}
			return this;
		}

		/** Registers an event that may travel in {@code direction} and {@code moreDirections}. */
		public Builder event(String name, Class<? extends LinkEventData> dataClass, Direction direction,
				Direction... moreDirections) {
			return event(name, dataClass, directions(direction, moreDirections));
		}

		/** Registers an event that may travel in each of {@code directions}. */
		public Builder event(String name, Class<? extends LinkEventData> dataClass, Set<Direction> directions) {
			requireName(name, EVENT_SUFFIX, "An event");
			requireConcrete(name, dataClass);
			add(new LinkMessageType(name, LinkMessageKind.EVENT, directions, dataClass), true);
			return this;
		}

		/**
		 * Registers a request sent in {@code direction} (and {@code moreDirections}) together with
		 * its response, which travels the opposite way and carries a {@code resultClass}.
		 */
		public Builder request(String name, Class<? extends LinkRequestData> requestClass,
				Class<? extends LinkResponseData> resultClass, Direction direction, Direction... moreDirections) {
			return request(name, requestClass, resultClass, directions(direction, moreDirections));
		}

		/** Registers a request and its response for each of {@code directions}; see the other overload. */
		public Builder request(String name, Class<? extends LinkRequestData> requestClass,
				Class<? extends LinkResponseData> resultClass, Set<Direction> directions) {
			requireName(name, REQUEST_SUFFIX, "A request");
			requireConcrete(name, requestClass);
			requireConcrete(name, resultClass);
			requireNoReservedResultProperty(name, resultClass);
			String responseName = responseTypeOf(name);
			if (this.byName.containsKey(responseName)) {
				throw new IllegalArgumentException("Message type '" + responseName + "' is already registered");
			}
			Set<Direction> responseDirections = EnumSet.noneOf(Direction.class);
			for (Direction requestDirection : directions) {
				responseDirections.add(requestDirection.reverse());
			}
			add(new LinkMessageType(name, LinkMessageKind.REQUEST, directions, requestClass), true);
			add(new LinkMessageType(responseName, LinkMessageKind.RESPONSE, responseDirections, resultClass), false);
			return this;
		}

		/** The catalogue of everything registered so far. */
		public LinkCatalogue build() {
			return new LinkCatalogue(this.byName, this.byDataClass);
		}

		private void add(LinkMessageType type, boolean uniqueDataClass) {
			if (this.byName.containsKey(type.name())) {
				throw new IllegalArgumentException("Message type '" + type.name() + "' is already registered");
			}
			if (uniqueDataClass) {
				LinkMessageType previous = this.byDataClass.get(type.dataClass());
				if (previous != null) {
					throw new IllegalArgumentException(type.dataClass().getName() + " is already registered as '"
							+ previous.name() + "'; each event and request needs its own data class");
				}
				this.byDataClass.put(type.dataClass(), type);
			}
			this.byName.put(type.name(), type);
		}

		private static Set<Direction> directions(Direction direction, Direction... moreDirections) {
			Set<Direction> directions = EnumSet.of(Fields.required(direction, "direction"));
			directions.addAll(Arrays.asList(moreDirections));
			return directions;
		}

		private static void requireName(String name, String suffix, String what) {
			Fields.requiredText(name, "name");
			if (!NAME.matcher(name).matches()) {
				throw new IllegalArgumentException("Message type '" + name
						+ "' must be lower-case words joined by underscores");
			}
			if (!name.endsWith(suffix) || name.length() == suffix.length()) {
				throw new IllegalArgumentException(what + " name must end in '" + suffix + "' but was '" + name + "'");
			}
		}

		private static void requireConcrete(String name, Class<?> dataClass) {
			Fields.required(dataClass, "dataClass");
			if (Modifier.isAbstract(dataClass.getModifiers()) || dataClass.isInterface()) {
				throw new IllegalArgumentException("Data class of '" + name + "' must be concrete but "
						+ dataClass.getName() + " is abstract");
			}
		}

		private static void requireNoReservedResultProperty(String name, Class<?> resultClass) {
			if (!resultClass.isRecord()) {
				return;
			}
			for (RecordComponent component : resultClass.getRecordComponents()) {
				JsonProperty property = component.getAnnotation(JsonProperty.class);
				String wireName = (property != null && !property.value().isEmpty()) ? property.value()
						: component.getName();
				if (wireName.equals("seq") || wireName.equals("error")) {
					throw new IllegalArgumentException("Result of '" + name + "' must not have a property named '"
							+ wireName + "': the response form uses it");
				}
			}
		}

	}

}
