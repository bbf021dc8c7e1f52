package io.mediafleet.schema.link;

import io.mediafleet.schema.json.Fields;

/**
 * A successful {@code *_response}: on the wire {@code {"seq": <requestSeq>, ...result fields}}.
 *
 * @param requestSeq seq of the request answered, at least 1
 * @param result the response's own fields
 * @param <R> the result type registered for the request
 */
public record Response<R extends LinkResponseData>(long requestSeq, R result) implements LinkResponse {

	public Response {
		SeqCounter.requireSeq("seq", requestSeq);
		Fields.required(result, "result");
	}

	/** The response to the request numbered {@code requestSeq}. */
	public static <R extends LinkResponseData> Response<R> of(long requestSeq, R result) {
		return new Response<>(requestSeq, result);
	}

}
