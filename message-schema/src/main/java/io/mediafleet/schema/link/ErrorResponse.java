package io.mediafleet.schema.link;

import io.mediafleet.schema.json.Fields;

/**
 * A {@code *_response} reporting that the request failed: on the wire
 * {@code {"seq": <requestSeq>, "error": "<text>"}}.
 *
 * @param requestSeq seq of the request answered, at least 1
 * @param error human-readable description of the failure
 */
public record ErrorResponse(long requestSeq, String error) implements LinkResponse {

	public ErrorResponse {
		SeqCounter.requireSeq("seq", requestSeq);
		Fields.required(error, "error");
	}

	/** The error response to the request numbered {@code requestSeq}. */
	public static ErrorResponse of(long requestSeq, String error) {
		return new ErrorResponse(requestSeq, error);
	}

}
