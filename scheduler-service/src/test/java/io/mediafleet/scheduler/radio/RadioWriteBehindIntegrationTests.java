package io.mediafleet.scheduler.radio;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.mediafleet.scheduler.TestMongoClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The write-behind of programming commits, publishes and listener and streamer bookkeeping against a real MongoDB:
 * order, coalescing, flush on stop and back-pressure when its queue is full.
 */
class RadioWriteBehindIntegrationTests {

	private static final Instant T0 = Instant.parse("2026-11-22T05:00:00Z");

	@RegisterExtension
	static final TestMongoClient mongoClient = new TestMongoClient();

	private MongoTemplate mongo;

	private RadioMetrics metrics;

	private RadioWriteBehind writer;

	@BeforeEach
	void setUp() {
		this.mongo = mongoClient.freshTemplate("radio-write-behind");
		this.metrics = new RadioMetrics(new SimpleMeterRegistry());
	}

	@AfterEach
	void tearDown() {
		if (this.writer != null) {
			this.writer.stop(Duration.ofSeconds(10));
		}
	}

	private static ListenerSession open(String id) {
		return new ListenerSession(id, "radio-1", "7", "paris-1", T0, null, null, true);
	}

	private static ListenerSession closed(String id, double seconds) {
		return new ListenerSession(id, "radio-1", "7", "paris-1", T0, T0.plusMillis((long) (seconds * 1000)), seconds,
				false);
	}

	private static ProgrammingWrites playOf(String radio) {
		ProgrammingWrites writes = new ProgrammingWrites();
		writes.play(new SongPlay(SongPlay.idOf(radio, "song-1"), radio, "song-1", T0));
		return writes;
	}

	private boolean played(String radio) {
		return this.mongo.findById(SongPlay.idOf(radio, "song-1"), SongPlay.class) != null;
	}

	@Test
	void aBurstIsCommittedAndPublishedPieceByPieceEachPlayAfterItsOwnCommit() {
		// One document per piece: the first play must leave before the second radio's state is written.
		this.writer = new RadioWriteBehind(this.mongo, this.metrics, 1000, 1);
		List<String> published = new ArrayList<>();
		List<Runnable> measured = new ArrayList<>();
		Consumer<List<byte[][]>> sender = (messages) -> {
			for (byte[][] message : messages) {
				String radio = new String(message[1], StandardCharsets.UTF_8);
				published.add(radio + ":radio-1=" + played("radio-1") + ",radio-2=" + played("radio-2"));
			}
		};
		// Queued before the writer runs, so that it finds the whole burst in one batch.
		this.writer.commit(playOf("radio-1"));
		this.writer.publish(sender, List.<byte[][]>of(new byte[][] { new byte[0], "radio-1".getBytes() }),
				() -> measured.add(() -> { }));
		this.writer.commit(playOf("radio-2"));
		this.writer.publish(sender, List.<byte[][]>of(new byte[][] { new byte[0], "radio-2".getBytes() }),
				() -> measured.add(() -> { }));
		this.writer.start();
		assertThat(this.writer.stop(Duration.ofSeconds(30))).as("writes lost").isZero();
		this.writer = null;
		assertThat(published).containsExactly("radio-1:radio-1=true,radio-2=false", "radio-2:radio-1=true,radio-2=true");
		assertThat(measured).hasSize(2);
	}

	@Test
	void playsOfOnePieceArePublishedTogetherAfterAllOfItsCommits() {
		this.writer = new RadioWriteBehind(this.mongo, this.metrics, 1000, 1000);
		List<List<String>> calls = new ArrayList<>();
		Consumer<List<byte[][]>> sender = (messages) -> {
			List<String> call = new ArrayList<>();
			for (byte[][] message : messages) {
				call.add(new String(message[1], StandardCharsets.UTF_8) + ":" + played("radio-1") + ","
						+ played("radio-2"));
			}
			calls.add(call);
		};
		this.writer.commit(playOf("radio-1"));
		this.writer.publish(sender, List.<byte[][]>of(new byte[][] { new byte[0], "radio-1".getBytes() }), null);
		this.writer.commit(playOf("radio-2"));
		this.writer.publish(sender, List.<byte[][]>of(new byte[][] { new byte[0], "radio-2".getBytes() }), null);
		this.writer.start();
		assertThat(this.writer.stop(Duration.ofSeconds(30))).as("writes lost").isZero();
		this.writer = null;
		assertThat(calls).containsExactly(List.of("radio-1:true,true", "radio-2:true,true"));
	}

	@Test
	void aPlayNeverWaitsBehindPingsStillBeingPublished() throws Exception {
		this.writer = new RadioWriteBehind(this.mongo, this.metrics, 100, 100);
		CountDownLatch pingsStarted = new CountDownLatch(1);
		CountDownLatch releasePings = new CountDownLatch(1);
		Consumer<List<byte[][]>> stuckPings = (messages) -> {
			pingsStarted.countDown();
			try {
				releasePings.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		};
		List<String> published = new CopyOnWriteArrayList<>();
		Consumer<List<byte[][]>> sender = (messages) -> {
			for (byte[][] message : messages) {
				published.add(new String(message[1], StandardCharsets.UTF_8) + ":" + played("radio-1"));
			}
		};
		this.writer.start();
		this.writer.publishUnordered(stuckPings, List.<byte[][]>of(new byte[][] { new byte[0], "ping".getBytes() }));
		assertThat(pingsStarted.await(30, TimeUnit.SECONDS)).isTrue();
		// The ping round is still being published: the play goes out anyway, after its own commit.
		this.writer.commit(playOf("radio-1"));
		this.writer.publish(sender, List.<byte[][]>of(new byte[][] { new byte[0], "radio-1".getBytes() }), null);
		await().atMost(Duration.ofSeconds(30)).until(() -> !published.isEmpty());
		assertThat(published).containsExactly("radio-1:true");
		releasePings.countDown();
		this.writer.barrier().get(30, TimeUnit.SECONDS);
	}

	@Test
	void songPlaysAreBookkeepingAndTheLatestStartOfASongWins() throws Exception {
		this.writer = new RadioWriteBehind(this.mongo, this.metrics, 100, 100);
		// Queued before the writer runs, so that both land in one bulk.
		this.writer.songPlayed(new SongPlay(SongPlay.idOf("radio-1", "a"), "radio-1", "a", T0));
		this.writer.songPlayed(new SongPlay(SongPlay.idOf("radio-1", "a"), "radio-1", "a", T0.plusSeconds(180)));
		this.writer.songPlayed(new SongPlay(SongPlay.idOf("radio-1", "b"), "radio-1", "b", T0.plusSeconds(90)));
		this.writer.start();
		this.writer.barrier().get(30, TimeUnit.SECONDS);
		assertThat(this.mongo.findById(SongPlay.idOf("radio-1", "a"), SongPlay.class).lastPlayedAt())
			.isEqualTo(T0.plusSeconds(180));
		assertThat(this.mongo.findById(SongPlay.idOf("radio-1", "b"), SongPlay.class).lastPlayedAt())
			.isEqualTo(T0.plusSeconds(90));
	}

	@Test
	void everythingQueuedIsWrittenWhenTheWriterStops() {
		this.writer = new RadioWriteBehind(this.mongo, this.metrics, 1000, 100);
		this.writer.start();
		for (int i = 0; i < 250; i++) {
			this.writer.sessionOpened(open("s-" + i));
		}
		this.writer.sessionClosed(closed("s-0", 3));
		this.writer.streamerSaved(Streamer.registered("paris-1", T0));
		assertThat(this.writer.stop(Duration.ofSeconds(30))).as("writes lost").isZero();
		this.writer = null;
		assertThat(this.mongo.count(new org.springframework.data.mongodb.core.query.Query(), ListenerSession.class))
			.isEqualTo(250);
		ListenerSession first = this.mongo.findById("s-0", ListenerSession.class);
		assertThat(first.open()).isFalse();
		assertThat(first.durationSeconds()).isEqualTo(3.0);
		assertThat(this.mongo.findById("paris-1", Streamer.class)).isNotNull();
	}

	@Test
	void aSessionOpenedAndClosedBeforeTheFlushIsStoredClosed() throws Exception {
		this.writer = new RadioWriteBehind(this.mongo, this.metrics, 100, 100);
		// Queued before the writer runs, so both land in one batch.
		this.writer.sessionOpened(open("short"));
		this.writer.sessionClosed(closed("short", 1.5));
		this.writer.start();
		this.writer.barrier().get(30, TimeUnit.SECONDS);
		ListenerSession stored = this.mongo.findById("short", ListenerSession.class);
		assertThat(stored.open()).isFalse();
		assertThat(stored.endedAt()).isEqualTo(T0.plusMillis(1500));
		assertThat(stored.userId()).isEqualTo("7");
	}

	@Test
	void aReusedSessionIdKeepsTheFirstRecordAndIsCounted() throws Exception {
		this.writer = new RadioWriteBehind(this.mongo, this.metrics, 100, 100);
		this.writer.start();
		this.writer.sessionOpened(open("once"));
		this.writer.sessionClosed(closed("once", 10));
		this.writer.barrier().get(30, TimeUnit.SECONDS);
		this.writer.sessionOpened(new ListenerSession("once", "radio-2", null, "lyon-1", T0.plusSeconds(60), null,
				null, true));
		this.writer.sessionClosed(new ListenerSession("once", "radio-2", null, "lyon-1", T0.plusSeconds(60),
				T0.plusSeconds(70), 10.0, false));
		this.writer.barrier().get(30, TimeUnit.SECONDS);
		ListenerSession stored = this.mongo.findById("once", ListenerSession.class);
		assertThat(stored.radioUuid()).isEqualTo("radio-1");
		assertThat(stored.durationSeconds()).isEqualTo(10.0);
		assertThat(this.metrics.duplicateSessionCount()).isEqualTo(1);
	}

	@Test
	void sessionDocumentsAreWhatTheMappingWritesWithoutTheTypeHint() {
		Instant started = Instant.parse("2026-11-22T05:00:00.123456789Z");
		for (ListenerSession session : List.of(
				new ListenerSession("doc-1", "radio-1", "7", "paris-1", started, null, null, true),
				new ListenerSession("doc-2", "radio-1", null, "paris-1", started, started.plusSeconds(3), 3.0,
						false))) {
			org.bson.Document mapped = new org.bson.Document();
			this.mongo.getConverter().write(session, mapped);
			mapped.remove("_class");
			assertThat(RadioWriteBehind.toDocument(session).decode(new DocumentCodec())).as(session.sessionId())
				.isEqualTo(mapped);
		}
	}

	@Test
	void sessionsWrittenBehindReadBackAsTheSameRecordsAndCarryNoTypeHint() throws Exception {
		this.writer = new RadioWriteBehind(this.mongo, this.metrics, 100, 100);
		this.writer.start();
		ListenerSession anonymous = new ListenerSession("anon", "radio-2", null, "lyon-1", T0, null, null, true);
		this.writer.sessionOpened(open("kept"));
		this.writer.sessionOpened(anonymous);
		this.writer.barrier().get(30, TimeUnit.SECONDS);
		assertThat(this.mongo.findById("kept", ListenerSession.class)).isEqualTo(open("kept"));
		assertThat(this.mongo.findById("anon", ListenerSession.class)).isEqualTo(anonymous);
		this.writer.sessionClosed(closed("kept", 2.5));
		this.writer.barrier().get(30, TimeUnit.SECONDS);
		assertThat(this.mongo.findById("kept", ListenerSession.class)).isEqualTo(closed("kept", 2.5));
		assertThat(this.mongo.getCollection(ListenerSession.COLLECTION)
			.countDocuments(new org.bson.Document("_class", new org.bson.Document("$exists", true)))).isZero();
		// What a restart reads back: the open sessions.
		ListenerSessions sessions = new ListenerSessions(RadioStore.committingAtOnce(this.mongo, this.writer));
		sessions.load();
		assertThat(sessions.size()).isEqualTo(1);
	}

	@Test
	void aLateStatusUpdateNeverBringsBackAnUnregisteredStreamer() throws Exception {
		this.writer = new RadioWriteBehind(this.mongo, this.metrics, 100, 100);
		this.writer.start();
		Streamer streamer = Streamer.registered("gone-1", T0);
		this.writer.streamerSaved(streamer);
		this.writer.streamerDeleted("gone-1");
		this.writer.streamerStatus(new Streamer("gone-1", T0, true, 1, null));
		this.writer.streamerSaved(Streamer.registered("kept-1", T0));
		this.writer.streamerStatus(new Streamer("kept-1", T0, true, 1, null));
		this.writer.barrier().get(30, TimeUnit.SECONDS);
		assertThat(this.mongo.findById("gone-1", Streamer.class)).isNull();
		Streamer kept = this.mongo.findById("kept-1", Streamer.class);
		assertThat(kept.waitingForPong()).isTrue();
		assertThat(kept.missedPings()).isEqualTo(1);
	}

	@Test
	void aFullQueueMakesTheCallerWaitUntilTheWriterCatchesUp() throws Exception {
		this.writer = new RadioWriteBehind(this.mongo, this.metrics, 2, 100);
		this.writer.sessionOpened(open("q-1"));
		this.writer.sessionOpened(open("q-2"));
		assertThat(this.writer.pending()).isEqualTo(2);
		// The writer is not started: the third write cannot be queued and its caller waits.
		CompletableFuture<Void> third = CompletableFuture.runAsync(() -> this.writer.sessionOpened(open("q-3")));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.metrics.writeStalls() == 1);
		assertThat(third).isNotDone();
		assertThat(this.writer.pending()).isEqualTo(2);
		this.writer.start();
		third.get(30, TimeUnit.SECONDS);
		this.writer.barrier().get(30, TimeUnit.SECONDS);
		assertThat(this.mongo.findById("q-3", ListenerSession.class)).isNotNull();
		assertThat(this.metrics.writesDroppedCount()).isZero();
	}

}
