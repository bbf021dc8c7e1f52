package io.mediafleet.scheduler.simul;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.mediafleet.scheduler.simul.SimulStatus.StartState;
import io.mediafleet.testsupport.StoppableMongoDb;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simul's store against a MongoDB that goes away (mongo-java-server on an H2 file, stopped and started again on
 * its port): an offer never waits for it, the outage is counted and the latest snapshot is written once MongoDB is
 * back; a read at start that MongoDB cannot answer gives up after its wait and hands the snapshot over later.
 */
class SimulStateStoreIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@TempDir
	Path work;

	private StoppableMongoDb mongo;

	private MongoClient client;

	private SimulStateStore store;

	@AfterEach
	void close() {
		if (this.store != null) {
			this.store.close();
		}
		if (this.client != null) {
			this.client.close();
		}
		if (this.mongo != null) {
			this.mongo.close();
		}
	}

	@Test
	void aSnapshotOfferedWhileMongoDbIsDownIsWrittenOnceItIsBackAndTheOfferNeverWaits() throws Exception {
		this.mongo = StoppableMongoDb.start(this.work.resolve("mongodb.h2"));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		this.store = new SimulStateStore(template(), meters);
		this.store.offer(snapshot(SimulState.PLAYING, false));
		await().atMost(PATIENCE).until(() -> stored().filter((doc) -> "PLAYING".equals(doc.getString("state"))).isPresent());

		this.mongo.stop();
		// Offered from another thread, so that a wait for MongoDB would show as a timeout here, not as a hung test.
		CompletableFuture.runAsync(() -> this.store.offer(snapshot(SimulState.PLAYING, true)))
			.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
		this.store.offer(snapshot(SimulState.STOPPED, false));
		await().atMost(PATIENCE)
			.until(() -> meters.get("mediafleet.simul.store.writes").tag("outcome", "failed").counter().count() >= 1);
		assertThat(meters.get("mediafleet.simul.store.waiting").gauge().value()).isEqualTo(1);

		this.mongo = this.mongo.restart();
		await().atMost(PATIENCE).until(() -> !this.store.isWaiting());
		assertThat(meters.get("mediafleet.simul.store.waiting").gauge().value()).isZero();
		// The latest snapshot, not the one in between.
		assertThat(SimulSnapshot.fromDocument(stored().orElseThrow())).isEqualTo(snapshot(SimulState.STOPPED, false));
	}

	@Test
	void aReadMongoDbCannotAnswerAtStartGivesUpAfterItsWaitAndHandsTheSnapshotOverWhenRead() throws Exception {
		this.mongo = StoppableMongoDb.start(this.work.resolve("mongodb.h2"));
		SimulSnapshot kept = snapshot(SimulState.PLAYING, true);
		template().save(kept.toDocument(), SimulStateStore.COLLECTION);
		this.mongo.stop();

		this.store = new SimulStateStore(template(), new SimpleMeterRegistry());
		AtomicReference<SimulSnapshot> late = new AtomicReference<>();
		Optional<SimulSnapshot> atStart = this.store.load(Duration.ofMillis(500), late::set);
		assertThat(atStart).isEmpty();
		assertThat(late.get()).isNull();

		this.mongo = this.mongo.restart();
		await().atMost(PATIENCE).until(() -> late.get() != null);
		assertThat(late.get()).isEqualTo(kept);
	}

	private MongoTemplate template() {
		if (this.client == null) {
			this.client = MongoClients.create(this.mongo.uri() + "/?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000");
		}
		return new MongoTemplate(this.client, "simul-store");
	}

	private Optional<Document> stored() {
		try (MongoClient reader = MongoClients.create(this.mongo.uri() + "/?serverSelectionTimeoutMS=2000")) {
			return Optional.ofNullable(reader.getDatabase("simul-store")
				.getCollection(SimulStateStore.COLLECTION)
				.find(new Document("_id", SimulSnapshot.ID))
				.first());
		}
	}

	static SimulSnapshot snapshot(SimulState state, boolean paused) {
		Instant startAt = Instant.parse("2026-12-07T00:45:44.029Z");
		return new SimulSnapshot(state, "film.mkv", startAt, startAt.plusSeconds(20), 20_000, paused,
				LatePolicy.ABORT,
				List.of(new SimulSnapshot.Member("den", true, false, "a9f0e61a137d86aa9db53465e0801612", StartState.STARTED,
						false, 180, true), new SimulSnapshot.Member("attic", false, true, null, StartState.NOT_STARTED, false,
								null, false)),
				Instant.parse("2026-12-07T00:46:00.001Z"));
	}

}
