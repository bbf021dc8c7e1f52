package io.mediafleet.schema.radio;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;

/**
 * The type names of both directions as registered with Jackson on {@link StreamerMessage} and
 * {@link SchedulerMessage}, read once so the codec can name a message's type and tell a
 * wrong-direction message from an unknown one.
 */
final class RadioCatalogue {

	/** Streamer-to-scheduler type names, in declaration order. */
	static final Map<String, Class<?>> STREAMER_TYPES = typesOf(StreamerMessage.class);

	/** Scheduler-to-streamer type names, in declaration order. */
	static final Map<String, Class<?>> SCHEDULER_TYPES = typesOf(SchedulerMessage.class);

	private static final Map<Class<?>, String> NAMES = namesOf(STREAMER_TYPES, SCHEDULER_TYPES);

	private RadioCatalogue() {
	}

	/** The wire name of {@code message}'s type. */
	static String typeName(RadioMessage message) {
		String name = NAMES.get(message.getClass());
		if (name == null) {
			throw new IllegalStateException(message.getClass().getName() + " is not registered in @JsonSubTypes");
		}
		return name;
	}

	static Map<String, Class<?>> typesOf(Class<?> family) {
		JsonSubTypes subTypes = family.getAnnotation(JsonSubTypes.class);
		if (subTypes == null) {
			throw new IllegalStateException(family.getName() + " has no @JsonSubTypes");
		}
		Map<String, Class<?>> types = new LinkedHashMap<>();
		for (JsonSubTypes.Type type : subTypes.value()) {
			Class<?> previous = types.putIfAbsent(type.name(), type.value());
			if (previous != null) {
				throw new IllegalStateException("Duplicate type name '" + type.name() + "' on " + previous.getName()
						+ " and " + type.value().getName() + " in " + family.getName());
			}
		}
		return Collections.unmodifiableMap(types);
	}

	@SafeVarargs
	private static Map<Class<?>, String> namesOf(Map<String, Class<?>>... families) {
		Map<Class<?>, String> names = new HashMap<>();
		for (Map<String, Class<?>> family : families) {
			family.forEach((name, type) -> names.put(type, name));
		}
		return Collections.unmodifiableMap(names);
	}

}
