package io.mediafleet.schema.link;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mediafleet.schema.json.Fields;
import org.jspecify.annotations.Nullable;

/**
 * {@code ready}: the master accepted a registration. The 2020 form is empty; the session form
 * offers a token to resume with and the timings of heartbeats and session expiry, both sent as
 * seconds (JSON numbers, fractions allowed).
 *
 * @param sessionToken token for {@code resume}; {@code null} in the empty form
 * @param heartbeatInterval how often each side sends {@code heartbeat}; {@code null} means
 * {@link LinkProtocol#DEFAULT_HEARTBEAT_INTERVAL}
 * @param sessionTimeout how long the master keeps a dropped session; {@code null} means
 * {@link LinkProtocol#DEFAULT_SESSION_TIMEOUT}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ready(@JsonProperty("session_token") @Nullable String sessionToken,
		@JsonProperty("heartbeat_interval") @Nullable Duration heartbeatInterval,
		@JsonProperty("session_timeout") @Nullable Duration sessionTimeout) implements LinkCoreData {

	/** Wire name. */
	public static final String TYPE = "ready";

	public Ready {
		if (sessionToken != null) {
			Fields.requiredText(sessionToken, "session_token");
		}
		LinkDurations.requireInRange("heartbeat_interval", heartbeatInterval);
		LinkDurations.requireInRange("session_timeout", sessionTimeout);
		if (sessionToken == null && (heartbeatInterval != null || sessionTimeout != null)) {
			throw new IllegalArgumentException("heartbeat_interval and session_timeout need a session_token");
		}
	}

	/** The empty 2020 form: no session, no heartbeats. */
	public static Ready withoutSession() {
		return new Ready(null, null, null);
	}

	/** The session form with explicit timings. */
	public static Ready session(String sessionToken, Duration heartbeatInterval, Duration sessionTimeout) {
		return new Ready(sessionToken, heartbeatInterval, sessionTimeout);
	}

	/** Whether the master offered a resumable session. */
	public boolean hasSession() {
		return this.sessionToken != null;
	}

	/** The heartbeat interval to use: the one sent, or the protocol default. */
	public Duration heartbeatIntervalOrDefault() {
		return (this.heartbeatInterval != null) ? this.heartbeatInterval : LinkProtocol.DEFAULT_HEARTBEAT_INTERVAL;
	}

	/** The session timeout to use: the one sent, or the protocol default. */
	public Duration sessionTimeoutOrDefault() {
		return (this.sessionTimeout != null) ? this.sessionTimeout : LinkProtocol.DEFAULT_SESSION_TIMEOUT;
	}

}
