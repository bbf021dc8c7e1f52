package io.mediafleet.schema.radio;

/**
 * Streamer to scheduler: the answer to {@link Ping}, proving the streamer is alive.
 *
 * @param streamer the sending streamer's id
 */
public record Pong(String streamer) implements StreamerMessage {

	/** Wire name in the {@code type} field. */
	public static final String TYPE = "pong";

	public Pong {
		RadioFields.streamerId(streamer, "streamer");
	}

}
