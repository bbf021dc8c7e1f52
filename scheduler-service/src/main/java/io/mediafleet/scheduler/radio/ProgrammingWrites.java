package io.mediafleet.scheduler.radio;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Changes of programming state (events, radio states, song plays) made by the loop since its last commit, at most
 * one per document id, written as one bulk operation per collection. Every write is a replace or a remove by id, so
 * applying it twice is harmless, and later changes merge over earlier ones.
 */
final class ProgrammingWrites {

	private final Map<String, RadioEvent> events = new LinkedHashMap<>();

	private final Set<String> eventRemovals = new LinkedHashSet<>();

	private final Map<String, Optional<RadioState>> states = new LinkedHashMap<>();

	private final Map<String, SongPlay> plays = new LinkedHashMap<>();

	void event(RadioEvent event) {
		this.events.put(event.id(), event);
	}

	void removeEvent(String id) {
		this.events.remove(id);
		this.eventRemovals.add(id);
	}

	void state(String radioUuid, Optional<RadioState> state) {
		this.states.put(radioUuid, state);
	}

	/** The buffered state of a radio: {@code null} if unchanged, empty if deleted. */
	@Nullable Optional<RadioState> state(String radioUuid) {
		return this.states.get(radioUuid);
	}

	void play(SongPlay play) {
		this.plays.put(play.id(), play);
	}

	Iterable<SongPlay> plays() {
		return this.plays.values();
	}

	boolean isEmpty() {
		return this.events.isEmpty() && this.eventRemovals.isEmpty() && this.states.isEmpty() && this.plays.isEmpty();
	}

	int size() {
		return this.events.size() + this.eventRemovals.size() + this.states.size() + this.plays.size();
	}

	/** Folds {@code later} into this one: its changes win. */
	void merge(ProgrammingWrites later) {
		for (String removed : later.eventRemovals) {
			removeEvent(removed);
		}
		this.events.putAll(later.events);
		this.states.putAll(later.states);
		this.plays.putAll(later.plays);
	}

	void apply(MongoTemplate mongo) {
		if (!this.events.isEmpty() || !this.eventRemovals.isEmpty()) {
			BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, RadioEvent.class);
			for (RadioEvent event : this.events.values()) {
				bulk.replaceOne(RadioStore.byId(event.id()), event, FindAndReplaceOptions.options().upsert());
			}
			if (!this.eventRemovals.isEmpty()) {
				bulk.remove(query(where("_id").in(this.eventRemovals).and("done").is(false)));
			}
			bulk.execute();
		}
		if (!this.states.isEmpty()) {
			BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, RadioState.class);
			for (Map.Entry<String, Optional<RadioState>> write : this.states.entrySet()) {
				if (write.getValue().isPresent()) {
					bulk.replaceOne(RadioStore.byId(write.getKey()), write.getValue().get(),
							FindAndReplaceOptions.options().upsert());
				}
				else {
					bulk.remove(RadioStore.byId(write.getKey()));
				}
			}
			bulk.execute();
		}
		if (!this.plays.isEmpty()) {
			BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, SongPlay.class);
			for (SongPlay play : this.plays.values()) {
				bulk.replaceOne(RadioStore.byId(play.id()), play, FindAndReplaceOptions.options().upsert());
			}
			bulk.execute();
		}
	}

}
