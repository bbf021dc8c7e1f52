package io.mediafleet.schema.link;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.mediafleet.schema.json.Fields;

/**
 * {@code resume}: a client's answer to {@code hello} on a new connection when it holds a session
 * it wants to continue.
 *
 * @param sessionToken the token from {@code ready}
 * @param lastSeq highest session seq the client received from the master, 0 if none ({@code null}
 * on the wire is read as 0)
 */
public record Resume(@JsonProperty("session_token") String sessionToken,
		@JsonProperty(value = "last_seq", required = true) @JsonSetter(nulls = Nulls.AS_EMPTY) long lastSeq)
		implements LinkCoreData {

	/** Wire name. */
	public static final String TYPE = "resume";

	public Resume {
		Fields.requiredText(sessionToken, "session_token");
		SeqCounter.requireAcknowledgedSeq("last_seq", lastSeq);
	}

	public static Resume of(String sessionToken, long lastSeq) {
		return new Resume(sessionToken, lastSeq);
	}

}
