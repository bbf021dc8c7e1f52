package io.mediafleet.streamer.hls;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The HLS listeners of a streamer: a session is opened when a player fetches a radio's multivariant playlist, is
 * seen every time the player fetches its own media playlist, and ends when it has not been seen for
 * {@code timeout}. No I/O and no clock of its own: times are passed in ({@link System#nanoTime()} values), expired
 * sessions are handed back for the caller to release.
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code maxSessions}: sessions open at once; {@link #open} refuses beyond it (the streamer's listener limit
 * already refuses earlier, this is a second fence).</li>
 * </ul>
 * Thread-safe.
 *
 * @param <T> what the caller keeps per session (the radio, the listener's identity)
 */
public final class HlsSessions<T> {

	private final long timeoutNanos;

	private final int maxSessions;

	private final Supplier<String> ids;

	private final Map<String, Entry<T>> sessions = new HashMap<>();

	/**
	 * @param timeoutNanos a session not seen for this long has ended
	 * @param maxSessions most sessions at once
	 * @param ids makes a new session id (unguessable, URL-safe)
	 */
	public HlsSessions(long timeoutNanos, int maxSessions, Supplier<String> ids) {
		if (timeoutNanos <= 0 || maxSessions < 1) {
			throw new IllegalArgumentException("timeout and maximum must be positive");
		}
		this.timeoutNanos = timeoutNanos;
		this.maxSessions = maxSessions;
		this.ids = ids;
	}

	/**
	 * Opens a session seen now, its value made from its new id; {@code null} when {@code maxSessions} are open.
	 */
	public synchronized @Nullable T open(Function<String, T> valueOfId, long now) {
		if (this.sessions.size() >= this.maxSessions) {
			return null;
		}
		String id = this.ids.get();
		while (this.sessions.containsKey(id)) {
			id = this.ids.get();
		}
		T value = valueOfId.apply(id);
		this.sessions.put(id, new Entry<>(value, now));
		return value;
	}

	/** Marks the session seen now and returns its value; {@code null} for an unknown or ended session. */
	public synchronized @Nullable T seen(String id, long now) {
		Entry<T> entry = this.sessions.get(id);
		if (entry == null || now - entry.lastSeen > this.timeoutNanos) {
			return null;
		}
		entry.lastSeen = now;
		return entry.value;
	}

	/** Removes and returns the sessions not seen for longer than the timeout. */
	public synchronized List<T> expire(long now) {
		List<T> expired = new ArrayList<>();
		for (Iterator<Entry<T>> it = this.sessions.values().iterator(); it.hasNext();) {
			Entry<T> entry = it.next();
			if (now - entry.lastSeen > this.timeoutNanos) {
				expired.add(entry.value);
				it.remove();
			}
		}
		return expired;
	}

	/** Removes and returns every session (shutdown). */
	public synchronized List<T> closeAll() {
		List<T> all = new ArrayList<>();
		this.sessions.values().forEach((entry) -> all.add(entry.value));
		this.sessions.clear();
		return all;
	}

	/** Sessions open now. */
	public synchronized int size() {
		return this.sessions.size();
	}

	private static final class Entry<T> {

		final T value;

		long lastSeen;

		Entry(T value, long lastSeen) {
			this.value = value;
			this.lastSeen = lastSeen;
		}

	}

}
