package io.mediafleet.scheduler.link;

import io.mediafleet.schema.link.LinkEventData;
import io.mediafleet.schema.link.LinkRequestData;
import io.mediafleet.schema.link.LinkResponseData;
import org.jspecify.annotations.Nullable;

/**
 * A feature served over the link: told when sessions start and end, given every event and request; the hub closes
 * the link with {@code Invalid message: unhandled message <type>} when no handler takes a message.
 */
public interface LinkHandler {

	/** A session completed its handshake ({@code ready} sent). Not called again on resume. */
	default void sessionStarted(LinkSession session) {
	}

	/** A session ended: closed, kicked, or not resumed within the session timeout. */
	default void sessionEnded(LinkSession session) {
	}

	/** Handles an event; {@code false} when this handler does not know it. */
	boolean event(LinkSession session, LinkEventData event);

	/**
	 * Answers a request, or returns {@code null} when this handler does not know it.
	 * @throws LinkRequestException to answer with an error response
	 */
	@Nullable LinkResponseData request(LinkSession session, LinkRequestData request);

	/** A request the handler understood but refuses; its message becomes the error response. */
	final class LinkRequestException extends RuntimeException {

		public LinkRequestException(String message) {
			super(message);
		}

	}

}
