package io.mediafleet.schema.link;

import java.util.Map;

import io.mediafleet.schema.json.JsonLimits;
import io.mediafleet.schema.json.JsonSupport;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.LogicalType;

/**
 * Encodes and decodes link messages: one JSON object per WebSocket text frame, exactly
 * {@code {seq, type, data}}, validated against a {@link LinkCatalogue}.
 *
 * <p>Example, the slave's registration in the seed's handshake (one text frame):
 * <pre>
 * {"seq":1,"type":"register_slave","data":{"token":"eyJhbGciOiJIUzI1NiJ9.e30.c2ln","agent":"Clusterio Slave","version":"2.0.0","name":"Foo","id":123}}
 * </pre>
 *
 * <p>Decoding happens in two steps. {@link #decodeEnvelope} checks the envelope only; the typed
 * decoders then require the type to be registered, allowed in the receiver's direction and in
 * the connection's phase, and the data to fit the registered record:
 * {@link #decodeHandshake} before the handshake ended (sender not known yet on the master), and
 * {@link #decode} during the session. Any problem with the input is a
 * {@link LinkCodecException}: during the session its message completes the close reason
 * {@code Invalid message: ...}; during the handshake the master closes with
 * {@code Invalid handshake} as the original did. Unknown extra fields, in the envelope and in
 * data, are ignored.
 *
 * <p>Durations in data, core or service-defined, cross the wire as seconds in a JSON number.
 * Numbers are never read from strings or booleans, and integers never from fractions.
 *
 * <h2>Parameters to control memory consumption</h2>
 * All come from the {@link JsonLimits} given to the constructor, {@link #DEFAULT_LIMITS} unless
 * said otherwise, and each is enforced before or while parsing, so no input allocates more than
 * a small multiple of {@code maxMessageBytes}:
 * <ul>
 * <li>{@code maxMessageBytes}: largest message accepted and emitted, in UTF-8 bytes (1 MiB);
 * checked before parsing.</li>
 * <li>{@code maxNestingDepth}: deepest nesting of objects and arrays, envelope included (32).</li>
 * <li>{@code maxStringLength}: longest string value, in characters (256 Ki).</li>
 * <li>{@code maxTokenCount}: most JSON tokens in one message (128 Ki).</li>
 * </ul>
 * The codec holds no per-connection state and buffers nothing between calls; it is thread-safe.
 */
public final class LinkCodec {

	/**
	 * 1 MiB messages, depth 32, strings up to 256 Ki characters, 128 Ki tokens: room for the
	 * sizeable lists services exchange (queues, catalogues) while bounding what one frame costs.
	 */
	public static final JsonLimits DEFAULT_LIMITS = new JsonLimits(1024 * 1024, 32, 256 * 1024, 128 * 1024);

	/** Longest piece of peer input quoted back in an error message. */
	private static final int MAX_QUOTED_CHARS = 64;

	private final LinkCatalogue catalogue;

	private final JsonLimits limits;

	private final JsonMapper mapper;

	/** A codec for {@code catalogue} with {@link #DEFAULT_LIMITS}. */
	public LinkCodec(LinkCatalogue catalogue) {
		this(catalogue, DEFAULT_LIMITS);
	}

	/** A codec for {@code catalogue} bounded by {@code limits}. */
	public LinkCodec(LinkCatalogue catalogue, JsonLimits limits) {
		this.catalogue = catalogue;
		this.limits = limits;
		this.mapper = JsonSupport.mapper(limits)
			.rebuild()
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.withCoercionConfig(LogicalType.Textual, (config) -> config
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.addModule(LinkDurations.module())
			.build();
	}

	/** The catalogue this codec validates against. */
	public LinkCatalogue catalogue() {
		return this.catalogue;
	}

	/** The limits this codec enforces. */
	public JsonLimits limits() {
		return this.limits;
	}

	/**
	 * Encodes {@code message} as one compact JSON object, {@code seq} first.
	 * @throws IllegalArgumentException if the type is not registered or the data is not of its
	 * registered class: a programming error, not bad input
	 * @throws LinkCodecException if the encoded message exceeds {@code maxMessageBytes}, which the
	 * peer would refuse
	 */
	public String encode(LinkMessage message) {
		LinkMessageType type = this.catalogue.get(message.type());
		ObjectNode data = encodeData(type, message.data());
		ObjectNode envelope = this.mapper.createObjectNode();
		envelope.put("seq", message.seq());
		envelope.put("type", message.type());
		envelope.set("data", data);
		String text = this.mapper.writeValueAsString(envelope);
		long bytes = Utf8.encodedLength(text, this.limits.maxMessageBytes());
		if (bytes > this.limits.maxMessageBytes()) {
			throw new LinkCodecException("message '" + message.type() + "' exceeds the limit of "
					+ this.limits.maxMessageBytes() + " bytes");
		}
		return text;
	}

	/**
	 * Checks the envelope of {@code text} without looking at the catalogue.
	 * @throws LinkCodecException if the text is too large, not JSON, not an object, or has a
	 * missing or invalid {@code seq}, {@code type} or {@code data}
	 */
	public LinkEnvelope decodeEnvelope(String text) {
		long bytes = Utf8.encodedLength(text, this.limits.maxMessageBytes());
		if (bytes > this.limits.maxMessageBytes()) {
			throw new LinkCodecException("message exceeds the limit of " + this.limits.maxMessageBytes() + " bytes");
		}
		JsonNode tree;
		try {
			tree = this.mapper.readTree(text);
		}
		catch (JacksonException ex) {
			throw new LinkCodecException("malformed JSON: " + JacksonErrors.describeParse(ex), ex);
		}
		if (tree == null || !tree.isObject()) {
			throw new LinkCodecException("message must be a JSON object");
		}
		long seq = seqField(tree, "seq", "");
		JsonNode type = tree.get("type");
		if (type == null) {
			throw new LinkCodecException("missing required field 'type'");
		}
		if (!type.isString()) {
			throw new LinkCodecException("field 'type' must be a string");
		}
		if (type.stringValue().isBlank()) {
			throw new LinkCodecException("field 'type' must not be blank");
		}
		JsonNode data = tree.get("data");
		if (data == null) {
			throw new LinkCodecException("missing required field 'data'");
		}
		if (!(data instanceof ObjectNode object)) {
			throw new LinkCodecException("field 'data' must be an object");
		}
		return new LinkEnvelope(seq, type.stringValue(), object);
	}

	/**
	 * Decodes a message received before the handshake ended: only handshake types and
	 * {@code close} that some sender may send to {@code receiver} are accepted. The master does
	 * not know yet whether its peer is a slave or a control; the type received tells.
	 * @throws LinkCodecException on any bad input
	 */
	public LinkMessage decodeHandshake(String text, Endpoint receiver) {
		LinkEnvelope envelope = decodeEnvelope(text);
		LinkMessageType type = registered(envelope);
		if (!type.kind().allowedInHandshake()) {
			throw new LinkCodecException("message type '" + type.name() + "' is not allowed during the handshake");
		}
		if (!type.allowsInto(receiver)) {
			throw new LinkCodecException("message type '" + type.name() + "' is not allowed to " + receiver.label());
		}
		return typed(envelope, type);
	}

	/**
	 * Decodes a message received during the session from {@code sender}: heartbeats, events,
	 * requests, responses and {@code close} registered for that direction.
	 * @throws LinkCodecException on any bad input
	 * @throws IllegalArgumentException if no link joins {@code sender} and {@code receiver}
	 */
	public LinkMessage decode(String text, Endpoint receiver, Endpoint sender) {
		Direction direction = Direction.of(sender, receiver);
		LinkEnvelope envelope = decodeEnvelope(text);
		LinkMessageType type = registered(envelope);
		if (!type.kind().allowedInSession()) {
			throw new LinkCodecException("message type '" + type.name() + "' is only allowed during the handshake");
		}
		if (!type.allows(direction)) {
			throw new LinkCodecException("message type '" + type.name() + "' is not allowed from " + direction);
		}
		return typed(envelope, type);
	}

	private LinkMessageType registered(LinkEnvelope envelope) {
		LinkMessageType type = this.catalogue.find(envelope.type());
		if (type == null) {
			throw new LinkCodecException("unknown message type " + quote(envelope.type()));
		}
		return type;
	}

	private LinkMessage typed(LinkEnvelope envelope, LinkMessageType type) {
		LinkData data = (type.kind() == LinkMessageKind.RESPONSE) ? decodeResponse(envelope.data(), type)
				: (LinkData) decodeData(envelope.data(), type, type.dataClass());
		return new LinkMessage(envelope.seq(), type.name(), data);
	}

	private LinkResponse decodeResponse(ObjectNode data, LinkMessageType type) {
		long requestSeq = seqField(data, "seq", "invalid data of '" + type.name() + "': ");
		JsonNode error = data.get("error");
		if (error != null && !error.isNull()) {
			if (!error.isString()) {
				throw new LinkCodecException("invalid data of '" + type.name() + "': field 'error' must be a string");
			}
			return ErrorResponse.of(requestSeq, error.stringValue());
		}
		ObjectNode fields = data.deepCopy();
		fields.remove("seq");
		fields.remove("error");
		LinkResponseData result = (LinkResponseData) decodeData(fields, type, type.dataClass());
		return Response.of(requestSeq, result);
	}

	private Object decodeData(ObjectNode data, LinkMessageType type, Class<?> dataClass) {
		try {
			Object value = this.mapper.treeToValue(data, dataClass);
			if (value == null) {
				throw new LinkCodecException("invalid data of '" + type.name() + "'");
			}
			return value;
		}
		catch (LinkCodecException ex) {
			throw ex;
		}
		catch (JacksonException ex) {
			throw new LinkCodecException("invalid data of '" + type.name() + "': " + JacksonErrors.describe(ex), ex);
		}
		catch (RuntimeException ex) {
			String detail = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
			throw new LinkCodecException("invalid data of '" + type.name() + "': " + detail, ex);
		}
	}

	private ObjectNode encodeData(LinkMessageType type, LinkData data) {
		if (type.kind() == LinkMessageKind.RESPONSE) {
			return encodeResponse(type, data);
		}
		if (!type.dataClass().isInstance(data)) {
			throw new IllegalArgumentException("Data of '" + type.name() + "' must be a " + type.dataClass().getName()
					+ " but was a " + data.getClass().getName());
		}
		return toObject(type, data);
	}

	private ObjectNode encodeResponse(LinkMessageType type, LinkData data) {
		ObjectNode node = this.mapper.createObjectNode();
		if (data instanceof ErrorResponse error) {
			node.put("seq", error.requestSeq());
			node.put("error", error.error());
			return node;
		}
		if (!(data instanceof Response<?> response) || !type.dataClass().isInstance(response.result())) {
			throw new IllegalArgumentException("Data of '" + type.name() + "' must be an ErrorResponse or a Response of "
					+ type.dataClass().getName() + " but was " + data);
		}
		ObjectNode result = toObject(type, response.result());
		if (result.has("seq") || result.has("error")) {
			throw new IllegalArgumentException("Result of '" + type.name()
					+ "' must not have a property named 'seq' or 'error'");
		}
		node.put("seq", response.requestSeq());
		for (Map.Entry<String, JsonNode> property : result.properties()) {
			node.set(property.getKey(), property.getValue());
		}
		return node;
	}

	private ObjectNode toObject(LinkMessageType type, Object data) {
		JsonNode node = this.mapper.valueToTree(data);
		if (!(node instanceof ObjectNode object)) {
			throw new IllegalArgumentException("Data of '" + type.name() + "' must encode to a JSON object");
		}
		return object;
	}

	private static long seqField(JsonNode object, String name, String context) {
		JsonNode seq = object.get(name);
		if (seq == null) {
			throw new LinkCodecException(context + "missing required field '" + name + "'");
		}
		if (!seq.isIntegralNumber()) {
			throw new LinkCodecException(context + "field '" + name + "' must be an integer");
		}
		if (!seq.canConvertToLong()) {
			throw new LinkCodecException(context + "field '" + name + "' is out of range");
		}
		long value = seq.longValue();
		if (value < 1) {
			throw new LinkCodecException(context + "field '" + name + "' must be at least 1 but was " + value);
		}
		return value;
	}

	/** Quotes peer input in an error message, cut short so a close reason stays small. */
	static String quote(String text) {
		if (text.length() <= MAX_QUOTED_CHARS) {
			return "'" + text + "'";
		}
		return "'" + text.substring(0, MAX_QUOTED_CHARS) + "...'";
	}

}
