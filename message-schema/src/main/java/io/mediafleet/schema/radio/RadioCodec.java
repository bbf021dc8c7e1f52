package io.mediafleet.schema.radio;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.mediafleet.schema.json.JsonLimits;
import io.mediafleet.schema.json.JsonSupport;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;
import org.jspecify.annotations.Nullable;

/**
 * Decodes and encodes the JSON messages of radio control: one JSON object per Redis pub/sub
 * message, with a {@code type} field naming the message. For example the bytes a streamer
 * publishes on {@code yascheduler} to ask for a radio:
 *
 * <pre>
 * {"type":"play_radio","streamer":"yastream-1","radio_uuid":"8f1c0a4e"}
 * 7b 22 74 79 70 65 22 3a 22 70 6c 61 79 5f 72 61 64 69 6f 22 2c ...
 * </pre>
 *
 * <p>Decoding accepts what the original Python scheduler accepted: unknown fields are ignored,
 * {@code user_id} may be JSON {@code null} or absent, ids may be JSON strings or integers. It
 * rejects, with a {@link RadioCodecException} naming the field, missing or {@code null} required
 * fields, numbers or booleans sent as strings, type names of the other direction, duplicate keys
 * and anything after the message. Encoding writes UTF-8 JSON with the field names of the
 * protocol and leaves out absent optional fields ({@code master_url}, the credentials of
 * {@code user_authentication}) but always writes {@code user_id}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@link JsonLimits#maxMessageBytes()}: a message longer than this in UTF-8 is rejected
 * before parsing starts; encoding refuses to produce one either.</li>
 * <li>{@link JsonLimits#maxNestingDepth()}, {@link JsonLimits#maxStringLength()},
 * {@link JsonLimits#maxTokenCount()}: enforced by the parser while reading, so even ignored
 * extra fields cannot exhaust memory or stack.</li>
 * </ul>
 */
public final class RadioCodec {

	private final JsonLimits limits;

	private final ObjectReader streamerReader;

	private final ObjectReader schedulerReader;

	private final ObjectWriter streamerWriter;

	private final ObjectWriter schedulerWriter;

	/** A codec enforcing {@code limits} on every message it decodes or encodes. */
	public RadioCodec(JsonLimits limits) {
		this.limits = limits;
		JsonMapper mapper = strictMapper(limits);
		this.streamerReader = mapper.readerFor(StreamerMessage.class);
		this.schedulerReader = mapper.readerFor(SchedulerMessage.class);
		this.streamerWriter = mapper.writerFor(StreamerMessage.class);
		this.schedulerWriter = mapper.writerFor(SchedulerMessage.class);
	}

	/** The limits this codec enforces. */
	public JsonLimits limits() {
		return this.limits;
	}

	/** Decodes a message published on the scheduler's channel, as UTF-8 bytes. */
	public StreamerMessage decodeStreamerMessage(byte[] utf8) {
		checkSize(utf8.length);
		try {
			return this.streamerReader.readValue(utf8);
		}
		catch (RuntimeException ex) {
			throw translate(ex, RadioCatalogue.SCHEDULER_TYPES, "scheduler-to-streamer");
		}
	}

	/** Decodes a message published on the scheduler's channel, as text. */
	public StreamerMessage decodeStreamerMessage(String json) {
		checkSize(utf8Length(json));
		try {
			return this.streamerReader.readValue(json);
		}
		catch (RuntimeException ex) {
			throw translate(ex, RadioCatalogue.SCHEDULER_TYPES, "scheduler-to-streamer");
		}
	}

	/** Decodes a message published on a streamer's channel, as UTF-8 bytes. */
	public SchedulerMessage decodeSchedulerMessage(byte[] utf8) {
		checkSize(utf8.length);
		try {
			return this.schedulerReader.readValue(utf8);
		}
		catch (RuntimeException ex) {
			throw translate(ex, RadioCatalogue.STREAMER_TYPES, "streamer-to-scheduler");
		}
	}

	/** Decodes a message published on a streamer's channel, as text. */
	public SchedulerMessage decodeSchedulerMessage(String json) {
		checkSize(utf8Length(json));
		try {
			return this.schedulerReader.readValue(json);
		}
		catch (RuntimeException ex) {
			throw translate(ex, RadioCatalogue.STREAMER_TYPES, "streamer-to-scheduler");
		}
	}

	/** Encodes {@code message} as JSON text. */
	public String encode(RadioMessage message) {
		return new String(encodeToBytes(message), StandardCharsets.UTF_8);
	}

	/** Encodes {@code message} as UTF-8 JSON bytes, ready to publish. */
	public byte[] encodeToBytes(RadioMessage message) {
		byte[] bytes;
		try {
			bytes = switch (message) {
				case StreamerMessage streamer -> this.streamerWriter.writeValueAsBytes(streamer);
				case SchedulerMessage scheduler -> this.schedulerWriter.writeValueAsBytes(scheduler);
			};
		}
		catch (JacksonException ex) {
			throw new RadioCodecException("cannot encode " + message.getClass().getSimpleName() + ": "
					+ JsonSupport.describe(ex), ex);
		}
		if (bytes.length > this.limits.maxMessageBytes()) {
			throw new RadioCodecException("encoded " + message.getClass().getSimpleName() + " is " + bytes.length
					+ " bytes, over the limit of " + this.limits.maxMessageBytes());
		}
		return bytes;
	}

	private void checkSize(long bytes) {
		if (bytes > this.limits.maxMessageBytes()) {
			throw new RadioCodecException(
					"message is " + bytes + " bytes, over the limit of " + this.limits.maxMessageBytes());
		}
	}

	/** The wire name of {@code message}'s type, for example {@code play_radio}; handy for logs and metrics. */
	public static String typeName(RadioMessage message) {
		return RadioCatalogue.typeName(message);
	}

	private static RadioCodecException translate(RuntimeException ex, Map<String, Class<?>> otherDirection,
			String otherDirectionName) {
		if (ex instanceof InvalidTypeIdException typeId && typeId.getTypeId() != null
				&& otherDirection.containsKey(typeId.getTypeId())) {
			return new RadioCodecException("message type '" + typeId.getTypeId() + "' is " + otherDirectionName
					+ " only, not accepted on this channel" + offset(typeId.getLocation()), ex);
		}
		if (ex instanceof JacksonException jackson) {
			return new RadioCodecException(describe(jackson), ex);
		}
		return JsonSupport.translate(ex, RadioCodecException::new, RadioCodecException.class);
	}

	/**
	 * Like {@link JsonSupport#describe} but words a value of the wrong JSON type as
	 * {@code field 'delay' must be a number}, naming the wire field rather than the Java path.
	 */
	static String describe(JacksonException ex) {
		if (ex instanceof MismatchedInputException mismatch && !(ex instanceof InvalidTypeIdException)) {
			String field = lastFieldName(ex.getPath());
			String expected = expectation(mismatch.getTargetType());
			if (field != null && expected != null) {
				return "field '" + field + "' must be " + expected + offset(ex.getLocation());
			}
		}
		return JsonSupport.describe(ex);
	}

	private static @Nullable String lastFieldName(List<JacksonException.Reference> path) {
		return path.isEmpty() ? null : path.get(path.size() - 1).getPropertyName();
	}

	private static @Nullable String expectation(@Nullable Class<?> type) {
		if (type == null) {
			return null;
		}
		if (type == String.class) {
			return "a string";
		}
		if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
			return "a number";
		}
		if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
			return "an integer";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		return null;
	}

	private static String offset(@Nullable TokenStreamLocation location) {
		if (location == null) {
			return "";
		}
		long offset = (location.getCharOffset() >= 0) ? location.getCharOffset() : location.getByteOffset();
		return (offset >= 0) ? " (offset " + offset + ")" : "";
	}

	/**
	 * The shared JSON policy made strict about scalars: a number or boolean sent as a string (or
	 * a boolean as 0/1) is an error rather than silently converted, and duplicate keys are rejected
	 * because they make a message mean different things to different parsers.
	 */
	private static JsonMapper strictMapper(JsonLimits limits) {
		return JsonSupport.mapper(limits)
			.rebuild()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.withCoercionConfig(LogicalType.Integer, RadioCodec::noTextCoercion)
			.withCoercionConfig(LogicalType.Float, RadioCodec::noTextCoercion)
			.withCoercionConfig(LogicalType.Boolean, (config) -> noTextCoercion(config)
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Textual, (config) -> config
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.build();
	}

	private static MutableCoercionConfig noTextCoercion(MutableCoercionConfig config) {
		return config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
	}

	private static long utf8Length(String text) {
		long bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes += 1;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1))) {
				bytes += 4;
				i++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

}
