package io.mediafleet.schema.link;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Fixed facts of the link protocol shared by the master and its clients: endpoint path, version,
 * close reasons, WebSocket close codes and default timings.
 */
public final class LinkProtocol {

	/** Path of the WebSocket endpoint on the master. */
	public static final String PATH = "/api/socket";

	/** Protocol version sent in {@code hello} and {@code register_*}. */
	public static final String VERSION = "2.0.0";

	/** Close reason for a handshake message that is malformed or out of order. */
	public static final String CLOSE_INVALID_HANDSHAKE = "Invalid handshake";

	/** Close reason for a missing, malformed, expired or wrongly signed token. */
	public static final String CLOSE_AUTHENTICATION_FAILED = "Authentication failed";

	/** Close reason sent to the older connection when a slave id registers again elsewhere. */
	public static final String CLOSE_REGISTERED_FROM_ANOTHER_CONNECTION = "Registered from another connection";

	/** Close reason when the handshake did not complete within the handshake timeout (our addition). */
	public static final String CLOSE_HANDSHAKE_TIMEOUT = "Handshake timeout";

	/** Close reason of a deliberate stop of either party. */
	public static final String CLOSE_SHUTDOWN = "shutdown";

	/** Prefix of the close reason for a message that failed validation after the handshake. */
	public static final String CLOSE_INVALID_MESSAGE_PREFIX = "Invalid message: ";

	/** WebSocket close code of a normal, deliberate close. */
	public static final int CLOSE_CODE_NORMAL = 1000;

	/** WebSocket close code of a party going away, used with {@link #CLOSE_SHUTDOWN}. */
	public static final int CLOSE_CODE_GOING_AWAY = 1001;

	/** WebSocket close code for an invalid or timed-out handshake, or an invalid message. */
	public static final int CLOSE_CODE_PROTOCOL_ERROR = 1002;

	/** WebSocket close code for a connection replaced by a newer registration of the same slave. */
	public static final int CLOSE_CODE_POLICY_VIOLATION = 1008;

	/** WebSocket close code for authentication failure: the client must stop retrying. */
	public static final int CLOSE_CODE_AUTHENTICATION_FAILED = 4003;

	/** Longest close reason a WebSocket close frame can carry, in UTF-8 bytes (RFC 6455, 5.5). */
	public static final int MAX_CLOSE_FRAME_REASON_BYTES = 123;

	/** How often each side sends {@code heartbeat} unless {@code ready} says otherwise. */
	public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(15);

	/** How long the master keeps a dropped session resumable unless {@code ready} says otherwise. */
	public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(60);

	/** How long the master waits for the handshake to complete before closing the connection. */
	public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

	/** Heartbeat intervals without any heartbeat after which a connection counts as dropped. */
	public static final int MISSED_HEARTBEAT_INTERVALS_BEFORE_DROP = 2;

	private LinkProtocol() {
	}

	/** {@code Invalid message: <detail>}, the close reason for a message that failed validation. */
	public static String invalidMessage(String detail) {
		return CLOSE_INVALID_MESSAGE_PREFIX + detail;
	}

	/**
	 * Shortens {@code reason} to fit a WebSocket close frame, cutting on a character boundary;
	 * the {@code close} message itself carries the full reason.
	 */
	public static String closeFrameReason(String reason) {
		if (reason.length() * 3 <= MAX_CLOSE_FRAME_REASON_BYTES
				|| reason.getBytes(StandardCharsets.UTF_8).length <= MAX_CLOSE_FRAME_REASON_BYTES) {
			return reason;
		}
		int bytes = 0;
		int end = 0;
		while (end < reason.length()) {
			int codePoint = reason.codePointAt(end);
			int size = Utf8.encodedLength(codePoint);
			if (bytes + size > MAX_CLOSE_FRAME_REASON_BYTES) {
				break;
			}
			bytes += size;
			end += Character.charCount(codePoint);
		}
		return reason.substring(0, end);
	}

}
