package io.mediafleet.scheduler.radio;

import java.util.Map;

import io.mediafleet.schema.radio.Play;
import io.mediafleet.schema.radio.SchedulerMessage;
import org.jspecify.annotations.Nullable;

/**
 * The outbound port of the radio state machine: what goes to streamers, and what Redis remembers of it. Messages are
 * queued by the loop's thread and leave at {@link #flush(Runnable, Runnable)}, after the commit of the persistence
 * port made before that flush ({@link RadioPersistence#commit()}): nothing announces state that is not durable. The
 * adapter is {@link RadioOutbox} (Redis pub/sub, published on {@link RadioWriteBehind}'s thread); tests use an
 * in-memory one.
 * <p>
 * Invariants an adapter keeps:
 * <ul>
 * <li>per streamer, messages leave in the order they were queued ({@link #sendAnnounced} and {@link #sendPlay} with
 * {@code written} may pass commits queued since, never a message queued before them);</li>
 * <li>a {@link #sendPlay programme play} and its {@link PlayReceipt} reach Redis together or not at all, so after a
 * crash {@link #playReceipts()} says exactly which plays left;</li>
 * <li>{@link #sendUnordered} messages (pings) announce no state and wait for nothing.</li>
 * </ul>
 */
interface RadioOutbound {

	/** Queues a message behind every commit made so far. */
	void send(String streamer, SchedulerMessage message);

	/** Queues a message that announces no programming state (a ping): it waits for no commit. */
	void sendUnordered(String streamer, SchedulerMessage message);

	/**
	 * Queues a message whose state is already durable: it need not wait for the commits queued since, only for the
	 * messages queued before it.
	 */
	void sendAnnounced(String streamer, SchedulerMessage message);

	/**
	 * Queues the {@code play} of a pending START with its receipt; {@code written}: the START's commit is known to
	 * be durable (as {@link #sendAnnounced}), else it waits behind the commits as {@link #send}.
	 */
	void sendPlay(String streamer, Play play, RadioEvent start, boolean written);

	/** Publishes every queued message, in order. */
	default void flush() {
		flush(null, null);
	}

	/**
	 * Publishes every queued message; {@code afterAnnounced} runs once the {@link #sendAnnounced} ones are out,
	 * {@code afterPublish} once the others are.
	 */
	void flush(@Nullable Runnable afterPublish, @Nullable Runnable afterAnnounced);

	/** The receipts of the plays that left, by radio (read at startup, before anything is sent). */
	Map<String, PlayReceipt> playReceipts();

}
