package io.mediafleet.schema.json;

import java.util.function.BiFunction;

import io.mediafleet.schema.codec.CodecException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the Jackson mappers of the JSON protocols and turns Jackson's exceptions into a
 * protocol's codec exception with a message a peer can act on.
 *
 * <p>Policy shared by radio, link and simul: unknown properties are ignored (the original peers
 * send extra fields), trailing tokens after the message are rejected, and every parse is bounded
 * by {@link JsonLimits}. Scalar strictness (no numbers sent as strings, no duplicate keys) is
 * added on top by {@link StrictJson} for radio and simul and by the link codec's own mapper.
 * Records are built through a constructor handle made once per type ({@link SpreadCreators}).
 */
public final class JsonSupport {

	private JsonSupport() {
	}

	/** A mapper whose parser enforces {@code limits} on depth, string length and token count. */
	public static JsonMapper mapper(JsonLimits limits) {
		StreamReadConstraints constraints = StreamReadConstraints.builder()
			.maxNestingDepth(limits.maxNestingDepth())
			.maxStringLength(limits.maxStringLength())
			.maxNameLength(Math.min(limits.maxStringLength(), 1024))
			.maxNumberLength(64)
			.maxDocumentLength(limits.maxMessageBytes())
			.maxTokenCount(limits.maxTokenCount())
			.build();
		JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints).build();
		return JsonMapper.builder(factory)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.addModule(new SpreadCreators())
			.build();
	}

	/**
	 * Describes a Jackson failure in one line: what was wrong, the JSON path and the position.
	 * Missing required fields read {@code missing required field 'streamer'}.
	 */
	public static String describe(JacksonException ex) {
		StringBuilder text = new StringBuilder();
		if (ex instanceof InvalidTypeIdException typeId) {
			text.append("unknown or missing message type");
			if (typeId.getTypeId() != null) {
				text.append(" '").append(typeId.getTypeId()).append('\'');
			}
		}
		else if (ex instanceof ValueInstantiationException && ex.getCause() != null
				&& ex.getCause().getMessage() != null) {
			text.append(ex.getCause().getMessage());
		}
		else if (ex instanceof MismatchedInputException && ex.getOriginalMessage() != null
				&& ex.getOriginalMessage().startsWith("Missing required creator property")) {
			String original = ex.getOriginalMessage();
			int open = original.indexOf('\'');
			int close = original.indexOf('\'', open + 1);
			text.append("missing required field ")
				.append(open >= 0 && close > open ? original.substring(open, close + 1) : "");
		}
		else {
			String original = ex.getOriginalMessage();
			text.append(original == null ? ex.getClass().getSimpleName() : firstLine(original));
		}
		String path = ex.getPathReference();
		if (path != null && !path.isEmpty()) {
			text.append(" at ").append(path);
		}
		TokenStreamLocation location = ex.getLocation();
		if (location != null && location.getCharOffset() >= 0) {
			text.append(" (offset ").append(location.getCharOffset()).append(')');
		}
		else if (location != null && location.getByteOffset() >= 0) {
			text.append(" (offset ").append(location.getByteOffset()).append(')');
		}
		return text.toString();
	}

	/**
	 * Wraps any failure raised while decoding into the protocol's exception type; codec
	 * exceptions pass through unchanged.
	 */
	public static <E extends CodecException> E translate(RuntimeException ex,
			BiFunction<String, Throwable, E> exceptionFactory, Class<E> exceptionType) {
		if (exceptionType.isInstance(ex)) {
			return exceptionType.cast(ex);
		}
		if (ex instanceof JacksonException jackson) {
			return exceptionFactory.apply(describe(jackson), ex);
		}
		String message = ex.getMessage();
		return exceptionFactory.apply(message == null ? ex.getClass().getSimpleName() : message, ex);
	}

	private static String firstLine(String message) {
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}

}
