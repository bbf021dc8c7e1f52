package io.mediafleet.schema.radio;

/**
 * Scheduler to streamer: a liveness probe; a streamer that does not answer with {@link Pong}
 * before the configured number of further pings is declared dead.
 */
public record Ping() implements SchedulerMessage {

	/** Wire name in the {@code type} field. */
	public static final String TYPE = "ping";

	/** The one ping there is. */
	public static final Ping INSTANCE = new Ping();

}
