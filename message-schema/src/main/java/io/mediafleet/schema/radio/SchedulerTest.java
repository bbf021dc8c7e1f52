package io.mediafleet.schema.radio;

/**
 * Scheduler to streamer: the echo of a {@link StreamerTest}.
 *
 * @param info the text the streamer sent
 */
public record SchedulerTest(String info) implements SchedulerMessage {

	/** Wire name in the {@code type} field. */
	public static final String TYPE = "test";

	public SchedulerTest {
		RadioFields.text(info, "info");
	}

}
