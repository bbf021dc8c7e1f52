package io.mediafleet.schema.link;

/**
 * What part a message type plays in the protocol, which decides in which phase of a connection
 * it may arrive and whether it is acknowledged and replayed.
 */
public enum LinkMessageKind {

	/** {@code hello}, {@code register_*}, {@code ready}, {@code resume}, {@code continue}, {@code invalidate}. */
	HANDSHAKE(true, false),

	/** {@code heartbeat}: acknowledges received messages; numbered but never replayed. */
	HEARTBEAT(false, true),

	/** {@code close}: valid at any time, in the handshake and in the session. */
	CLOSE(true, true),

	/** {@code *_event}: one-way message defined by a service. */
	EVENT(false, true),

	/** {@code *_request}: expects exactly one {@code *_response}. */
	REQUEST(false, true),

	/** {@code *_response}: answers the request whose seq it carries, with a result or an error. */
	RESPONSE(false, true);

	private final boolean allowedInHandshake;

	private final boolean allowedInSession;

	LinkMessageKind(boolean allowedInHandshake, boolean allowedInSession) {
		this.allowedInHandshake = allowedInHandshake;
		this.allowedInSession = allowedInSession;
	}

	/** Whether this kind may arrive before the handshake ended with {@code ready} or {@code continue}. */
	public boolean allowedInHandshake() {
		return this.allowedInHandshake;
	}

	/** Whether this kind may arrive once the handshake ended. */
	public boolean allowedInSession() {
		return this.allowedInSession;
	}

}
