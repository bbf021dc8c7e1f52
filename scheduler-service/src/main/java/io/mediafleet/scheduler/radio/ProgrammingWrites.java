package io.mediafleet.scheduler.radio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;

/**
 * Changes of programming state made by the loop since its last commit: at most one document per radio (its state
 * with its events, see {@link StoredRadio}), written as one bulk operation; and, for a store without a write-behind,
 * song plays. Every write is a replace or a remove by id, so applying it twice is harmless, and later changes merge
 * over earlier ones.
 */
final class ProgrammingWrites {

	private final Map<String, Optional<StoredRadio>> radios = new LinkedHashMap<>();

	private final Map<String, SongPlay> plays = new LinkedHashMap<>();

	/** A radio's programming as it is now, or empty when the radio is no longer programmed. */
	void radio(String radioUuid, Optional<StoredRadio> radio) {
		this.radios.put(radioUuid, radio);
	}

	void play(SongPlay play) {
		this.plays.put(play.id(), play);
	}

	boolean isEmpty() {
		return this.radios.isEmpty() && this.plays.isEmpty();
	}

	/** Documents written. */
	int size() {
		return this.radios.size() + this.plays.size();
	}

	/** Folds {@code later} into this one: its changes win. */
	void merge(ProgrammingWrites later) {
		this.radios.putAll(later.radios);
		this.plays.putAll(later.plays);
	}

	void apply(MongoTemplate mongo) {
		if (!this.radios.isEmpty()) {
			// Straight to the driver: one replace (or remove) per radio, converted here, on the writing thread.
			MongoConverter converter = mongo.getConverter();
			List<WriteModel<Document>> models = new ArrayList<>(this.radios.size());
			ReplaceOptions upsert = new ReplaceOptions().upsert(true);
			for (Map.Entry<String, Optional<StoredRadio>> write : this.radios.entrySet()) {
				if (write.getValue().isPresent()) {
					models.add(new ReplaceOneModel<>(Filters.eq("_id", write.getKey()),
							write.getValue().get().toDocument(converter), upsert));
				}
				else {
					models.add(new DeleteOneModel<>(Filters.eq("_id", write.getKey())));
				}
			}
			mongo.getCollection(RadioState.COLLECTION).bulkWrite(models, new BulkWriteOptions().ordered(false));
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
