package io.mediafleet.scheduler.radio;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The open listening sessions, kept in memory by the loop (their only writer) and written to MongoDB behind it, so
 * {@code register_listener} and {@code unregister_listener} cost no database round trip on the loop.
 * <p>
 * <b>Parameters to control memory consumption</b>: one entry per open session; sessions are opened only for radios
 * that have a master streamer and are closed with their streamer or radio.
 */
final class ListenerSessions {

	private final Map<String, ListenerSession> open = new HashMap<>();

	private final RadioWriteBehind writer;

	ListenerSessions(RadioWriteBehind writer) {
		this.writer = writer;
	}

	/** Reads the sessions a previous run left open (loop thread, at start). */
	void load(MongoTemplate mongo) {
		this.open.clear();
		for (ListenerSession session : mongo.find(query(where("open").is(true)), ListenerSession.class)) {
			this.open.put(session.sessionId(), session);
		}
	}

	/** Opens a session; {@code false} when a session with this id is open already. */
	boolean open(ListenerSession session) {
		if (this.open.putIfAbsent(session.sessionId(), session) != null) {
			return false;
		}
		this.writer.sessionOpened(session);
		return true;
	}

	/** Closes an open session, recording its duration; {@code false} if there was no such open session. */
	boolean close(String sessionId, Instant now) {
		ListenerSession session = this.open.remove(sessionId);
		if (session == null) {
			return false;
		}
		double seconds = Math.max(0, Duration.between(session.startedAt(), now).toNanos() / 1e9);
		this.writer.sessionClosed(new ListenerSession(session.sessionId(), session.radioUuid(), session.userId(),
				session.streamer(), session.startedAt(), now, seconds, false));
		return true;
	}

	/** Closes every open session {@code which} selects; returns how many. */
	int closeWhere(Predicate<ListenerSession> which, Instant now) {
		List<String> ids = new ArrayList<>();
		for (ListenerSession session : this.open.values()) {
			if (which.test(session)) {
				ids.add(session.sessionId());
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

}
