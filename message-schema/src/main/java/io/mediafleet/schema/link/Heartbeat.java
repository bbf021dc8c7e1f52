package io.mediafleet.schema.link;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * {@code heartbeat}: sent by both sides every heartbeat interval during a session; it proves the
 * connection alive and acknowledges received messages so the peer can drop them from its send
 * buffer.
 *
 * @param lastSeq highest session seq received from the peer, 0 if none ({@code null} on the wire
 * is read as 0)
 */
public record Heartbeat(@JsonProperty(value = "last_seq", required = true) @JsonSetter(nulls = Nulls.AS_EMPTY) long lastSeq)
		implements LinkCoreData {

	/** Wire name. */
	public static final String TYPE = "heartbeat";

	public Heartbeat {
		SeqCounter.requireAcknowledgedSeq("last_seq", lastSeq);
	}

	public static Heartbeat of(long lastSeq) {
		return new Heartbeat(lastSeq);
	}

}
