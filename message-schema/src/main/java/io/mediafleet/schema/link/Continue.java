package io.mediafleet.schema.link;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.jspecify.annotations.Nullable;

/**
 * {@code continue}: the master resumed the session; the client replays what it sent after
 * {@code lastSeq}. Later versions of the original repeat the timings here, so they are accepted
 * and may be sent.
 *
 * @param lastSeq highest session seq the master received from the client, 0 if none
 * @param heartbeatInterval new heartbeat interval, {@code null} to keep the previous one
 * @param sessionTimeout new session timeout, {@code null} to keep the previous one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Continue(@JsonProperty(value = "last_seq", required = true) @JsonSetter(nulls = Nulls.AS_EMPTY) long lastSeq,
		@JsonProperty("heartbeat_interval") @Nullable Duration heartbeatInterval,
		@JsonProperty("session_timeout") @Nullable Duration sessionTimeout) implements LinkCoreData {

	/** Wire name. */
	public static final String TYPE = "continue";

	public Continue {
		SeqCounter.requireAcknowledgedSeq("last_seq", lastSeq);
		LinkDurations.requireInRange("heartbeat_interval", heartbeatInterval);
		LinkDurations.requireInRange("session_timeout", sessionTimeout);
	}

	/** A continue without timings, as the brief form {@code {last_seq}}. */
	public static Continue of(long lastSeq) {
		return new Continue(lastSeq, null, null);
	}

}
