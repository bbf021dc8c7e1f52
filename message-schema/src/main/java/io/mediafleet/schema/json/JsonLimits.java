package io.mediafleet.schema.json;

import io.mediafleet.schema.codec.Limits;

/**
 * Memory limits for decoding one JSON message, checked before and during parsing.
 *
 * @param maxMessageBytes largest encoded message accepted, in bytes (UTF-8)
 * @param maxNestingDepth deepest nesting of objects and arrays accepted
 * @param maxStringLength longest string value accepted, in characters
 * @param maxTokenCount most JSON tokens accepted in one message
 */
public record JsonLimits(int maxMessageBytes, int maxNestingDepth, int maxStringLength, int maxTokenCount) {

	/** 64 KiB messages, depth 16, strings up to 16 Ki characters, 8 Ki tokens. */
	public static final JsonLimits DEFAULTS = new JsonLimits(64 * 1024, 16, 16 * 1024, 8 * 1024);

	public JsonLimits {
		Limits.requirePositive("maxMessageBytes", maxMessageBytes);
		Limits.requirePositive("maxNestingDepth", maxNestingDepth);
		Limits.requirePositive("maxStringLength", maxStringLength);
		Limits.requirePositive("maxTokenCount", maxTokenCount);
	}

	/** Same limits with a different maximum message size. */
	public JsonLimits withMaxMessageBytes(int bytes) {
		return new JsonLimits(bytes, this.maxNestingDepth, this.maxStringLength, this.maxTokenCount);
	}

}
