package io.mediafleet.scheduler.radio;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.mediafleet.scheduler.TestMongoClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The persistence of radio programming against a real MongoDB: one document per radio holding its state, its
 * pending events and its last handled ones, read back by a new store, and the earlier layout folded in once.
 */
class RadioStoreIntegrationTests {

	private static final Instant T0 = Instant.parse("2026-11-22T05:00:00Z");

	@RegisterExtension
	static final TestMongoClient mongoClient = new TestMongoClient();

	private MongoTemplate mongo;

	@BeforeEach
	void setUp() {
		this.mongo = mongoClient.freshTemplate("radio-store");
	}

	private RadioStore loadedStore() {
		RadioStore store = new RadioStore(this.mongo);
		store.load();
		return store;
	}

	private static Song song(String id) {
		return new Song(id, id + ".mp3", 180, null, null);
	}

	@Test
	void aPrepareIsOneDocumentWriteThatClaimsTheEventAndSchedulesTheNextOnes() {
		RadioStore store = loadedStore();
		store.saveState(RadioState.started("r1", "paris-1", T0));
		RadioEvent prepare = store.schedule("r1", RadioEvent.Kind.PREPARE, T0, null, null);
		store.commit();
		assertThat(RadioStore.read(this.mongo, "r1").pending()).extracting(RadioEvent::id).containsExactly(prepare.id());

		// What a PREPARE does: claim, pick (state changes), schedule START and the next PREPARE.
		assertThat(store.claim(prepare, T0.plusMillis(3))).isTrue();
		store.saveState(store.state("r1").orElseThrow().withQueues(java.util.Map.of("list", 1), java.util.Map.of()));
		RadioEvent start = store.schedule("r1", RadioEvent.Kind.START, T0.plusSeconds(5), song("a"), null);
		RadioEvent next = store.schedule("r1", RadioEvent.Kind.PREPARE, T0.plusSeconds(180), null, null);
		store.commit();

		StoredRadio stored = RadioStore.read(this.mongo, "r1");
		assertThat(stored.state().orderedPositions()).containsEntry("list", 1);
		assertThat(stored.pending()).extracting(RadioEvent::id).containsExactly(start.id(), next.id());
		assertThat(stored.pending().get(0).filename()).isEqualTo("a.mp3");
		assertThat(stored.handled()).singleElement().satisfies((handled) -> {
			assertThat(handled.id()).isEqualTo(prepare.id());
			assertThat(handled.done()).isTrue();
			assertThat(handled.handledAt()).isEqualTo(T0.plusMillis(3));
		});
		assertThat(this.mongo.getCollection(RadioState.COLLECTION).countDocuments()).isEqualTo(1);
		assertThat(this.mongo.collectionExists(RadioEvent.LEGACY_COLLECTION)).isFalse();
		// The state reads as a plain RadioState too (admin API, tests).
		assertThat(this.mongo.findById("r1", RadioState.class).orderedPositions()).containsEntry("list", 1);
	}

	@Test
	void aNewStoreResumesEveryRadioWithItsPendingAndHandledEvents() {
		RadioStore first = loadedStore();
		first.saveState(RadioState.started("r1", "paris-1", T0));
		first.saveState(RadioState.started("r2", null, T0));
		RadioEvent done = first.schedule("r1", RadioEvent.Kind.PREPARE, T0, null, null);
		first.claim(done, T0);
		RadioEvent start = first.schedule("r1", RadioEvent.Kind.START, T0.plusSeconds(5), song("a"), "show-1");
		RadioEvent prepare = first.schedule("r2", RadioEvent.Kind.PREPARE, T0.plusSeconds(7), null, null);
		first.commit();

		RadioStore second = loadedStore();
		assertThat(second.states()).extracting(RadioState::radioUuid).containsExactlyInAnyOrder("r1", "r2");
		assertThat(second.pending("r1")).containsExactly(start);
		assertThat(second.pending("r2")).containsExactly(prepare);
		assertThat(second.handled("r1")).extracting(RadioEvent::id).containsExactly(done.id());
		assertThat(second.nextDue()).contains(T0.plusSeconds(5));
		// Claimed before the restart: not due again.
		assertThat(second.due(T0.plusSeconds(60), 10)).containsExactly(start, prepare);
	}

	@Test
	void aStoppedRadioLosesItsDocumentWithItsEvents() {
		RadioStore store = loadedStore();
		store.saveState(RadioState.started("r1", "paris-1", T0));
		store.schedule("r1", RadioEvent.Kind.PREPARE, T0, null, null);
		store.commit();
		store.cancelPending("r1");
		store.deleteState("r1");
		store.commit();
		assertThat(RadioStore.read(this.mongo, "r1")).isNull();
		assertThat(loadedStore().pending("r1")).isEmpty();
	}

	@Test
	void onlyTheLastHandledEventsAreKept() {
		RadioStore store = loadedStore();
		store.saveState(RadioState.started("r1", "paris-1", T0));
		for (int i = 0; i < 3 * StoredRadio.HANDLED_KEPT; i++) {
			RadioEvent event = store.schedule("r1", RadioEvent.Kind.PREPARE, T0.plusSeconds(i), null, null);
			store.claim(event, T0.plusSeconds(i));
		}
		store.commit();
		List<RadioEvent> handled = RadioStore.read(this.mongo, "r1").handled();
		assertThat(handled).hasSize(StoredRadio.HANDLED_KEPT);
		assertThat(handled.get(handled.size() - 1).dueAt()).isEqualTo(T0.plusSeconds(3 * StoredRadio.HANDLED_KEPT - 1));
	}

	@Test
	void pendingEventsOfTheOldLayoutAreFoldedInOnceAndTheOldCollectionIsDropped() {
		this.mongo.save(RadioState.started("r1", "paris-1", T0));
		RadioEvent pending = new RadioEvent("old-1", "r1", RadioEvent.Kind.START, T0.plusSeconds(5), "a", "a.mp3",
				180.0, null, false, null, null, false);
		this.mongo.save(pending);
		this.mongo.save(new RadioEvent("old-0", "r1", RadioEvent.Kind.PREPARE, T0, null, null, null, null, true, T0, null, false));
		// A radio that is no longer programmed: its leftover event goes with the old collection.
		this.mongo.save(new RadioEvent("old-2", "gone", RadioEvent.Kind.PREPARE, T0, null, null, null, null, false,
				null, null, false));

		RadioStore store = loadedStore();
		assertThat(store.pending("r1")).containsExactly(pending);
		assertThat(store.pending("gone")).isEmpty();
		assertThat(this.mongo.collectionExists(RadioEvent.LEGACY_COLLECTION)).isFalse();
		assertThat(RadioStore.read(this.mongo, "r1").pending()).containsExactly(pending);

		// Read again (as after a crash right after folding, with the old collection back): never twice.
		this.mongo.save(pending);
		assertThat(loadedStore().pending("r1")).containsExactly(pending);
	}

	@Test
	void withAWriteBehindSongPlaysAreBookkeepingNotPartOfTheProgrammingCommit() throws Exception {
		RadioWriteBehind writer = new RadioWriteBehind(this.mongo, new RadioMetrics(new SimpleMeterRegistry()), 100,
				100);
		RadioStore store = new RadioStore(this.mongo, Duration.ofMinutes(1), writer);
		store.load();
		store.recordPlay("r1", "a", T0);
		assertThat(store.uncommitted()).as("nothing for the programming commit").isZero();
		assertThat(writer.pending()).as("queued as bookkeeping").isEqualTo(1);
		assertThat(store.lastPlayed("r1", List.of("a"))).as("known at once to the random-play rules")
			.containsEntry("a", T0);
		writer.start();
		try {
			writer.barrier().get(30, java.util.concurrent.TimeUnit.SECONDS);
		}
		finally {
			writer.stop(Duration.ofSeconds(10));
		}
		assertThat(this.mongo.findById(SongPlay.idOf("r1", "a"), SongPlay.class).lastPlayedAt()).isEqualTo(T0);
		assertThat(this.mongo.count(new Query(), SongPlay.class)).isEqualTo(1);
	}

	@Test
	void sessionAndStreamerBookkeepingGoesThroughThePortToTheWriterNeverIntoTheCommit() throws Exception {
		RadioWriteBehind writer = new RadioWriteBehind(this.mongo, new RadioMetrics(new SimpleMeterRegistry()), 100,
				100);
		RadioStore store = RadioStore.committingAtOnce(this.mongo, writer);
		store.load();
		ListenerSession session = new ListenerSession("s1", "r1", null, "paris-1", T0, null, null, true);
		store.sessionOpened(session);
		store.streamerSaved(Streamer.registered("paris-1", T0));
		assertThat(store.uncommitted()).as("nothing for the programming commit").isZero();
		assertThat(writer.pending()).as("queued on the writer, not written on the loop").isEqualTo(2);
		writer.start();
		try {
			writer.barrier().get(30, java.util.concurrent.TimeUnit.SECONDS);
		}
		finally {
			writer.stop(Duration.ofSeconds(10));
		}
		assertThat(store.openSessions()).containsExactly(session);
		assertThat(store.streamers()).containsExactly(Streamer.registered("paris-1", T0));
	}

	@Test
	void withoutAWriterSessionAndStreamerBookkeepingIsWrittenAtOnceAsTheWriterWouldWriteIt() {
		RadioStore store = loadedStore();
		ListenerSession first = new ListenerSession("s1", "r1", "u1", "paris-1", T0, null, null, true);
		store.sessionOpened(first);
		store.sessionOpened(new ListenerSession("s2", "r1", null, "paris-1", T0, null, null, true));
		// A reused id keeps its first record, as with the writer.
		store.sessionOpened(new ListenerSession("s1", "r2", null, "lyon-2", T0.plusSeconds(1), null, null, true));
		ListenerSession closed = new ListenerSession("s2", "r1", null, "paris-1", T0, T0.plusSeconds(3), 3.0, false);
		store.sessionClosed(closed);
		assertThat(store.openSessions()).containsExactly(first);
		assertThat(this.mongo.findById("s2", ListenerSession.class)).isEqualTo(closed);

		store.streamerSaved(Streamer.registered("paris-1", T0));
		Streamer waiting = new Streamer("paris-1", T0, true, 1, null);
		store.streamerStatus(waiting);
		assertThat(store.streamers()).containsExactly(waiting);
		store.streamerDeleted("paris-1");
		store.streamerStatus(waiting);
		assertThat(store.streamers()).as("a status never brings a deleted streamer back").isEmpty();
	}

}
