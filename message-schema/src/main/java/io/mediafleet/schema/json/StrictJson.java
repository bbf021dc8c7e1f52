package io.mediafleet.schema.json;

import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;
import org.jspecify.annotations.Nullable;

/**
 * The {@link JsonSupport} policy made strict about scalar types, plus error wording that names
 * the wire field, for codecs whose peers benefit from being told exactly which field is wrong
 * (radio, simul).
 *
 * <p>On top of {@link JsonSupport#mapper(JsonLimits)}: a number or boolean sent as a string, a
 * boolean sent as 0/1, and a float or boolean where text is expected are errors instead of being
 * converted silently (an integer where text is expected is still read as its decimal text, because
 * the original peers sent numeric ids); duplicate keys are rejected because they make one message
 * mean different things to different parsers.
 */
public final class StrictJson {

	private StrictJson() {
	}

	/**
	 * A mapper bounded by {@code limits} with the strict scalar rules described above; read with
	 * {@link #readObject}, which also checks what follows the message.
	 */
	public static JsonMapper mapper(JsonLimits limits) {
		return JsonSupport.mapper(limits)
			.rebuild()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			// readObject checks for trailing content itself, with a message fit for a peer
			.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.withCoercionConfig(LogicalType.Integer, StrictJson::noCoercionFromText)
			.withCoercionConfig(LogicalType.Float, StrictJson::noCoercionFromText)
			.withCoercionConfig(LogicalType.Boolean,
					(config) -> noCoercionFromText(config).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Textual,
					(config) -> config.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.build();
	}

	/**
	 * Reads exactly one JSON object from UTF-8 bytes: empty input, a top-level value that is not an
	 * object (including {@code null}) and anything but whitespace after the object are rejected with
	 * a {@link JacksonException} worded for a peer.
	 */
	public static <T> T readObject(ObjectReader reader, byte[] utf8) {
		try (JsonParser parser = reader.createParser(utf8)) {
			return readObject(reader, parser);
		}
	}

	/** Like {@link #readObject(ObjectReader, byte[])} for text. */
	public static <T> T readObject(ObjectReader reader, String json) {
		try (JsonParser parser = reader.createParser(json)) {
			return readObject(reader, parser);
		}
	}

	private static <T> T readObject(ObjectReader reader, JsonParser parser) {
		JsonToken first = parser.nextToken();
		if (first == null) {
			throw MismatchedInputException.from(parser, (Class<?>) null, "empty message");
		}
		if (first != JsonToken.START_OBJECT) {
			throw MismatchedInputException.from(parser, (Class<?>) null,
					"message must be a JSON object but starts with " + describe(first));
		}
		T value = reader.readValue(parser);
		if (parser.nextToken() != null) {
			throw MismatchedInputException.from(parser, (Class<?>) null, "unexpected content after the JSON object");
		}
		return value;
	}

	private static String describe(JsonToken token) {
		return switch (token) {
			case START_ARRAY -> "an array";
			case VALUE_STRING -> "a string";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case VALUE_NULL -> "null";
			default -> token.asString();
		};
	}

	/**
	 * Like {@link JsonSupport#describe} but words a value of the wrong JSON type as
	 * {@code field 'delay' must be a number (offset 40)}, naming the wire field instead of the Java
	 * path.
	 */
	public static String describe(JacksonException ex) {
		if (ex instanceof MismatchedInputException mismatch && !(ex instanceof InvalidTypeIdException)) {
			String field = lastFieldName(ex.getPath());
			String expected = expectation(mismatch.getTargetType());
			if (field != null && expected != null) {
				return "field '" + field + "' must be " + expected + offset(ex.getLocation());
			}
		}
		if (ex instanceof UnexpectedEndOfInputException) {
			return "message ends before the JSON is complete" + offset(ex.getLocation());
		}
		return JsonSupport.describe(ex);
	}

	/** {@code " (offset n)"} for a known location, otherwise the empty string. */
	public static String offset(@Nullable TokenStreamLocation location) {
		if (location == null) {
			return "";
		}
		long offset = (location.getCharOffset() >= 0) ? location.getCharOffset() : location.getByteOffset();
		return (offset >= 0) ? " (offset " + offset + ")" : "";
	}

	/**
	 * The UTF-8 length of {@code text} without encoding it, so an oversized message given as a
	 * string is rejected before any copy is made; an unpaired surrogate counts as 3 bytes.
	 */
	public static long utf8Length(CharSequence text) {
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

	private static MutableCoercionConfig noCoercionFromText(MutableCoercionConfig config) {
		return config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
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

}
