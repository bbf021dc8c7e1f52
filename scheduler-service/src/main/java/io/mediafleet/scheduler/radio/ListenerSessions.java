package io.mediafleet.scheduler.radio;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The open listening sessions, kept in memory by the loop (their only writer) and recorded through the persistence
 * port's bookkeeping ({@link RadioPersistence#sessionOpened}, {@link RadioPersistence#sessionClosed}: written behind),
 * so {@code register_listener} and {@code unregister_listener} cost no database round trip on the loop.
 * <p>
 * When a streamer is lost (its pings went unanswered) or registers again, its sessions are <em>held</em>, not
 * closed: a streamer that comes back re-announces the sessions still listening, under the same ids, and those simply
 * go on (nothing is written: MongoDB still has them open). A held session not re-announced within {@code holdTime}
 * is closed then, ending when its streamer was lost. Each session is so written closed exactly once, and a Redis
 * outage that cut a live streamer off loses none.
 * <p>
 * <b>Parameters to control memory consumption</b>: one entry per open or held session; sessions are opened only for
 * radios that have a master streamer, and held ones are closed after {@code holdTime}.
 */
final class ListenerSessions {

	private final Map<String, ListenerSession> open = new HashMap<>();

	/** Sessions of lost streamers, waiting to be re-announced, by id, with when they were held (insertion order). */
	private final Map<String, Held> held = new LinkedHashMap<>();

	private final RadioPersistence store;

	private final Duration holdTime;

	ListenerSessions(RadioPersistence store) {
		this(store, Duration.ofSeconds(20));
	}

	ListenerSessions(RadioPersistence store, Duration holdTime) {
		if (holdTime.isNegative()) {
			throw new IllegalArgumentException("holdTime must not be negative: " + holdTime);
		}
		this.store = store;
		this.holdTime = holdTime;
	}

	/** Reads the sessions a previous run left open (loop thread, at start). */
	void load() {
		this.open.clear();
		this.held.clear();
		for (ListenerSession session : this.store.openSessions()) {
			this.open.put(session.sessionId(), session);
		}
	}

	/** Opens a session; {@code false} when a session with this id is open already. */
	boolean open(ListenerSession session) {
		Held back = this.held.remove(session.sessionId());
		if (back != null) {
			// Re-announced after its streamer came back: the same session goes on, still open in MongoDB.
			this.open.put(session.sessionId(), back.session());
			return true;
		}
		if (this.open.putIfAbsent(session.sessionId(), session) != null) {
			return false;
		}
		this.store.sessionOpened(session);
		return true;
	}

	/**
	 * Holds every open session {@code which} selects (their streamer was lost or registers again) until they are
	 * re-announced or {@link #closeExpired expire}; returns how many.
	 */
	int holdWhere(Predicate<ListenerSession> which, Instant now) {
		List<String> ids = new ArrayList<>();
		for (ListenerSession session : this.open.values()) {
			if (which.test(session)) {
				ids.add(session.sessionId());
			}
		}
		for (String id : ids) {
			this.held.put(id, new Held(this.open.remove(id), now));
		}
		return ids.size();
	}

	/** Closes the held sessions not re-announced within the hold time, as ended when held; returns how many. */
	int closeExpired(Instant now) {
		Instant cutoff = now.minus(this.holdTime);
		int closed = 0;
		var entries = this.held.values().iterator();
		while (entries.hasNext()) {
			Held each = entries.next();
			if (each.since().isAfter(cutoff)) {
				break;
			}
			entries.remove();
			writeClosed(each.session(), each.since());
			closed++;
		}
		return closed;
	}

	/** Held sessions (lost streamer, not re-announced yet). */
	int heldSize() {
		return this.held.size();
	}

	/** Closes an open session, recording its duration; {@code false} if there was no such open session. */
	boolean close(String sessionId, Instant now) {
		ListenerSession session = this.open.remove(sessionId);
		if (session == null) {
			Held gone = this.held.remove(sessionId);
			if (gone == null) {
				return false;
			}
			// Left while its streamer was cut off: it ended at the latest when it was held.
			now = gone.since().isBefore(now) ? gone.since() : now;
			session = gone.session();
		}
		writeClosed(session, now);
		return true;
	}

	private void writeClosed(ListenerSession session, Instant now) {
		double seconds = Math.max(0, Duration.between(session.startedAt(), now).toNanos() / 1e9);
		this.store.sessionClosed(new ListenerSession(session.sessionId(), session.radioUuid(), session.userId(),
				session.streamer(), session.startedAt(), now, seconds, false));
	}

	/** Closes every open session {@code which} selects; returns how many. */
	int closeWhere(Predicate<ListenerSession> which, Instant now) {
		List<String> ids = new ArrayList<>();
		for (ListenerSession session : this.open.values()) {
			if (which.test(session)) {
				ids.add(session.sessionId());
			}
		}
		for (Held each : this.held.values()) {
			if (which.test(each.session())) {
				ids.add(each.session().sessionId());
			}
		}
		for (String id : ids) {
			close(id, now);
		}
		return ids.size();
	}

	int size() {
		return this.open.size();
	}

	private record Held(ListenerSession session, Instant since) {
	}

}
