package io.mediafleet.schema.link;

/**
 * Result fields of a successful {@code *_response}, carried inside a {@link Response} that adds
 * the request's seq. Its JSON properties must not be named {@code seq} or {@code error}: those two
 * belong to the response form itself.
 */
public interface LinkResponseData {

}
