package io.mediafleet.scheduler.radio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registered streamers, kept in memory by the loop (their only writer) and written through to MongoDB on
 * register and unregister; pongs stay in memory and reach MongoDB with the next ping round's single bulk write, so
 * 1,000 streamers cost one database round trip per ping interval instead of two per streamer.
 */
final class StreamerRegistry {

	private final RadioStore store;

	private final Map<String, Streamer> streamers = new LinkedHashMap<>();

	StreamerRegistry(RadioStore store) {
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

	void register(String name, Instant now) {
		Streamer streamer = Streamer.registered(name, now);
		this.streamers.put(name, streamer);
		this.store.saveStreamer(streamer);
	}

	/** Removes a streamer; {@code false} if it was not registered. */
	boolean unregister(String name) {
		boolean existed = this.streamers.remove(name) != null;
		this.store.deleteStreamer(name);
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

	/** Writes every streamer's ping status in one bulk operation. */
	void persist() {
		this.store.saveStreamers(this.streamers.values());
	}

	int size() {
		return this.streamers.size();
	}

}
