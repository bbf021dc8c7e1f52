package io.mediafleet.schema.burn;

/**
 * The error codes this suite sends in {@code ERROR\t<code>\t<text>}; codes received from
 * other implementations may be any word and are passed through unchanged.
 */
public final class BurnErrorCodes {

	/** Framing broken or a limit exceeded: the sender closes the connection after this error. */
	public static final String PROTO = "PROTO";

	/** One message was malformed (unknown command, missing field, bad hash); the connection stays open. */
	public static final String BADMSG = "BADMSG";

	/** The burner does not hold the image it was told to burn (from the seed). */
	public static final String NOISO = "NOISO";

	/** A {@code BURN} reached a burner that is not {@code AVAIL}. */
	public static final String BUSY = "BUSY";

	/** The client type may not send this command (for example a display sending {@code QUEUE}). */
	public static final String DENIED = "DENIED";

	/** The command named a hash nobody knows or a UID of no known burner. */
	public static final String UNKNOWN = "UNKNOWN";

	/** The {@code ID} message names a protocol version the server does not speak. */
	public static final String VERSION = "VERSION";

	/** A message arrived that is not expected in the connection's current state (for example {@code BURN} before {@code ID}). */
	public static final String STATE = "STATE";

	/**
	 * Extension: the client must authenticate ({@code AUTH}) before this command, or its credential was refused
	 * (bad signature, expired, wrong role). The connection stays open until the identification deadline.
	 */
	public static final String AUTH = "AUTH";

	/** Extension: the server closes a connection that did not identify (and authenticate) in time. */
	public static final String TIMEOUT = "TIMEOUT";

	/** Extension: the server has no room for another identified client; the connection is closed. */
	public static final String FULL = "FULL";

	private BurnErrorCodes() {
	}

}
