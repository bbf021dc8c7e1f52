package io.mediafleet.schema.radio;

/**
 * Streamer to scheduler: a streamer is going away; the scheduler releases its radios and closes their listening sessions.
 *
 * @param streamer the sending streamer's id
 */
public record UnregisterStreamer(String streamer) implements StreamerMessage {

	/** Wire name in the {@code type} field. */
	public static final String TYPE = "unregister_streamer";

	public UnregisterStreamer {
		RadioFields.streamerId(streamer, "streamer");
	}

}
