package io.mediafleet.scheduler.radio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registered streamers, kept in memory by the loop (their only writer) and written to MongoDB behind it:
 * register and unregister at once, pongs with the next ping round's status update, all in order with the listener
 * sessions they affect, so the loop never waits for MongoDB here.
 */
final class StreamerRegistry {

	private final RadioStore store;

	private final RadioWriteBehind writer;

	private final Map<String, Streamer> streamers = new LinkedHashMap<>();

	StreamerRegistry(RadioStore store, RadioWriteBehind writer) {
		this.store = store;
		this.writer = writer;
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

	void register(String name, Instant now) {
		Streamer streamer = Streamer.registered(name, now);
		this.streamers.put(name, streamer);
		this.writer.streamerSaved(streamer);
	}

	/** Removes a streamer; {@code false} if it was not registered. */
	boolean unregister(String name) {
		boolean existed = this.streamers.remove(name) != null;
		if (existed) {
			this.writer.streamerDeleted(name);
		}
		return existed;
	}

	void pong(String name, Instant now) {
		this.streamers.computeIfPresent(name,
				(key, streamer) -> new Streamer(name, streamer.registeredAt(), false, 0, now));
	}

	List<Streamer> all() {
		return new ArrayList<>(this.streamers.values());
	}

	void update(Streamer streamer) {
		this.streamers.replace(streamer.name(), streamer);
	}

	/** Queues every streamer's ping status for the next bulk write. */
	void persist() {
		for (Streamer streamer : this.streamers.values()) {
			this.writer.streamerStatus(streamer);
		}
	}

	int size() {
		return this.streamers.size();
	}

}
