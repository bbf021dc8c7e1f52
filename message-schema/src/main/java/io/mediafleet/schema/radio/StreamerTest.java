package io.mediafleet.schema.radio;

/**
 * Streamer to scheduler: a diagnostic message the scheduler echoes back as {@link SchedulerTest}.
 *
 * @param streamer the sending streamer's id
 * @param info free text, may be empty
 */
public record StreamerTest(String streamer, String info) implements StreamerMessage {

	/** Wire name in the {@code type} field. */
	public static final String TYPE = "test";

	public StreamerTest {
		RadioFields.streamerId(streamer, "streamer");
		RadioFields.text(info, "info");
	}

}
