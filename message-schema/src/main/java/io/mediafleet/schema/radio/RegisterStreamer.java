package io.mediafleet.schema.radio;

/**
 * Streamer to scheduler: a streamer has started; the scheduler (re)registers it and includes it in the ping loop.
 *
 * @param streamer the sending streamer's id
 */
public record RegisterStreamer(String streamer) implements StreamerMessage {

	/** Wire name in the {@code type} field. */
	public static final String TYPE = "register_streamer";

	public RegisterStreamer {
		RadioFields.streamerId(streamer, "streamer");
	}

}
