package io.mediafleet.schema.link;

/**
 * Data of a {@code *_response}: a {@link Response} with the result or an {@link ErrorResponse},
 * both naming the seq of the request they answer.
 */
public sealed interface LinkResponse extends LinkData permits Response, ErrorResponse {

	/** The {@code seq} of the request this response answers (the response data's {@code seq}). */
	long requestSeq();

}
