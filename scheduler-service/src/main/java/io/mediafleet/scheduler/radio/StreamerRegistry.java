package io.mediafleet.scheduler.radio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The registered streamers, kept in memory by the loop (their only writer) and recorded through the persistence port's
 * bookkeeping (written behind): register and unregister at once, pongs with the next ping round's status update, all
 * in order with the listener sessions they affect, so the loop never waits for MongoDB here.
 */
final class StreamerRegistry {

	private final RadioPersistence store;

	private final Map<String, Streamer> streamers = new LinkedHashMap<>();

	StreamerRegistry(RadioPersistence store) {
		this.store = store;
	}

	/** Reads what a previous run left in MongoDB (loop thread, at start). */
	void load() {
		this.streamers.clear();
		for (Streamer streamer : this.store.streamers()) {
			this.streamers.put(streamer.name(), streamer);
		}
	}

	boolean isRegistered(String name) {
		return this.streamers.containsKey(name);
	}

	@Nullable Streamer get(String name) {
		return this.streamers.get(name);
	}

	/** Names of the registered streamers, in registration order (a copy). */
	List<String> names() {
		return new ArrayList<>(this.streamers.keySet());
	}

	void register(String name, Instant now) {
		Streamer streamer = Streamer.registered(name, now);
		this.streamers.put(name, streamer);
		this.store.streamerSaved(streamer);
	}

	/** Removes a streamer; {@code false} if it was not registered. */
	boolean unregister(String name) {
		boolean existed = this.streamers.remove(name) != null;
		if (existed) {
			this.store.streamerDeleted(name);
		}
		return existed;
	}

	void pong(String name, Instant now) {
		this.streamers.computeIfPresent(name,
				(key, streamer) -> new Streamer(name, streamer.registeredAt(), false, 0, now));
	}

	void update(Streamer streamer) {
		this.streamers.replace(streamer.name(), streamer);
	}

	/** Queues one streamer's ping status for the next bulk write. */
	void persist(Streamer streamer) {
		this.store.streamerStatus(streamer);
	}

	int size() {
		return this.streamers.size();
	}

}
