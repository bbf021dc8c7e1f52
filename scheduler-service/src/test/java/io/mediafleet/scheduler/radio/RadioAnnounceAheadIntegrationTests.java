package io.mediafleet.scheduler.radio;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.mediafleet.schema.radio.Play;
import io.mediafleet.schema.radio.PlayRadio;
import io.mediafleet.schema.radio.RadioChannels;
import io.mediafleet.schema.radio.RadioStarted;
import io.mediafleet.schema.radio.RadioStopped;
import io.mediafleet.schema.radio.SchedulerMessage;
import io.mediafleet.schema.radio.StopRadio;
import io.mediafleet.schema.radio.StreamerMessage;
import io.mediafleet.scheduler.TestMongoClient;
import io.mediafleet.testsupport.TestMongoDb;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.mediafleet.scheduler.SchedulerProperties;
import io.mediafleet.scheduler.radio.RadioProgrammeIntegrationTests.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * PREPAREs handled {@code prepare-ahead} before their plays are due, the plays sent from memory at their planned
 * time: against a real MongoDB, with a clock the test moves, the real handler for streamer messages, and an outbox
 * that records what leaves and when. A "restart" is a new store and programme reading the same database.
 */
class RadioAnnounceAheadIntegrationTests {

	private static final Duration LEAD = Duration.ofSeconds(5);

	private static final Duration AHEAD = Duration.ofSeconds(2);

	private static final Instant T0 = Instant.parse("2026-11-20T23:00:00Z");

	/** When the PREPARE of the second track (b) is due: its play's planned time, T. */
	private static final Instant T_B = T0.plus(LEAD).plusSeconds(180).minus(LEAD);

	@RegisterExtension
	static final TestMongoClient mongoClient = new TestMongoClient();

	private MongoTemplate mongo;

	private MutableClock clock;

	private final List<Sent> sent = new ArrayList<>();

	/** The receipts hash in Redis, which outlives a scheduler. */
	private final Map<String, PlayReceipt> receipts = new HashMap<>();

	private SimpleMeterRegistry registry;

	private RadioStore store;

	private RadioProgramme programme;

	private RadioHandler handler;

	private RadioWriteBehind writer;

	@BeforeEach
	void setUp() {
		this.mongo = mongoClient.freshTemplate("radio-ahead");
		this.clock = new MutableClock(T0);
		startScheduler(Map.of());
	}

	@AfterEach
	void stopWriter() {
		this.writer.stop(Duration.ofSeconds(5));
	}

	/** A scheduler as the loop builds it, on the test's MongoDB, reading back whatever a previous one left. */
	private void startScheduler(Map<String, String> properties) {
		Map<String, String> all = new HashMap<>(properties);
		SchedulerProperties.Radio settings = new Binder(new MapConfigurationPropertySource(all))
			.bindOrCreate("mediafleet.scheduler", Bindable.of(SchedulerProperties.class))
			.radio();
		this.registry = new SimpleMeterRegistry();
		RadioMetrics metrics = new RadioMetrics(this.registry);
		RadioOutbox outbox = new RadioOutbox(null, RadioChannels.DEFAULT, null, metrics) {
			@Override
			public void send(String streamer, SchedulerMessage message) {
				RadioAnnounceAheadIntegrationTests.this.sent
					.add(new Sent(streamer, message, RadioAnnounceAheadIntegrationTests.this.clock.instant()));
			}

			@Override
			public void sendPlay(String streamer, Play play, RadioEvent start, boolean written) {
				// As the Redis script does: the play and its receipt together.
				send(streamer, play);
				RadioAnnounceAheadIntegrationTests.this.receipts.put(start.radioUuid(), PlayReceipt.of(start));
			}

			@Override
			public Map<String, PlayReceipt> playReceipts() {
				return Map.copyOf(RadioAnnounceAheadIntegrationTests.this.receipts);
			}
		};
		if (this.writer != null) {
			this.writer.stop(Duration.ofSeconds(5));
		}
		// Listener and streamer bookkeeping only; programming is committed straight to MongoDB (no write-behind).
		this.writer = new RadioWriteBehind(this.mongo, metrics, 1000, 100);
		this.writer.start();
		this.store = RadioStore.committingAtOnce(this.mongo, this.writer);
		this.store.load();
		this.programme = new RadioProgramme(this.store, outbox, metrics::schedulingLag, this.clock, settings,
				new Random(42), (due) -> {
				});
		StreamerRegistry streamers = new StreamerRegistry(this.store);
		this.handler = new RadioHandler(this.store, new ListenerSessions(this.store), streamers, outbox,
				this.programme, this.clock, null, new io.mediafleet.scheduler.listen.ListenDirectory(java.time.Duration.ofSeconds(3)));
		this.programme.recover();
		this.store.commit();
	}

	/** Radio r1 on an ordered playlist of three 3-minute songs a, b, c, started at T0 by paris-1: a is announced. */
	private void radioPlayingA() {
		for (String id : List.of("a", "b", "c")) {
			this.mongo.save(new Song(id, id + ".mp3", 180, null, null));
		}
		this.mongo.save(new Playlist("default", "d", List.of("a", "b", "c"), false));
		this.mongo.save(new Radio("r1", "R1", "default"));
		message(new PlayRadio("paris-1", "r1"));
		assertThat(this.sent).containsExactly(new Sent("paris-1", new RadioStarted("r1"), T0),
				new Sent("paris-1", play("a"), T0));
		runAt(T0.plus(LEAD));
		assertThat(this.mongo.findById("r1", RadioState.class).songId()).isEqualTo("a");
		this.sent.clear();
	}

	private void message(StreamerMessage message) {
		this.handler.handle(message);
		this.store.commit();
		this.programme.runDue();
	}

	private void runAt(Instant now) {
		this.clock.set(now);
		this.programme.runDue();
	}

	private static Play play(String song) {
		return new Play("r1", song + ".mp3", 5.0, 0.0, 0.0);
	}

	private RadioEvent pendingStart() {
		return RadioStore.read(this.mongo, "r1")
			.pending()
			.stream()
			.filter((event) -> event.kind() == RadioEvent.Kind.START)
			.findFirst()
			.orElseThrow();
	}

	private Timer lag() {
		return this.registry.find("mediafleet.radio.scheduling.lag").timer();
	}

	@Test
	void thePrepareIsCommittedAheadAndItsPlayLeavesAtItsPlannedTimeWithNoWriteThen() {
		List<String> writes = new CopyOnWriteArrayList<>();
		this.mongo = listened(writes);
		startScheduler(Map.of());
		radioPlayingA();
		assertThat(this.programme.nextDue()).as("the PREPARE of b is handled prepare-ahead before it is due")
			.contains(T_B.minus(AHEAD));
		runAt(T_B.minus(AHEAD));
		assertThat(this.sent).as("committed, not announced").isEmpty();
		RadioEvent start = pendingStart();
		assertThat(start.songId()).isEqualTo("b");
		assertThat(start.announceAt()).isEqualTo(T_B);
		assertThat(start.dueAt()).as("b starts one lead time after its planned play").isEqualTo(T_B.plus(LEAD));
		assertThat(RadioStore.read(this.mongo, "r1").handled()).extracting(RadioEvent::kind)
			.containsExactly(RadioEvent.Kind.START, RadioEvent.Kind.PREPARE);
		assertThat(this.programme.nextDue()).contains(T_B);

		runAt(T_B.minusMillis(1));
		assertThat(this.sent).as("never before its time").isEmpty();
		assertThat(writes).as("the commits so far were seen").isNotEmpty();
		writes.clear();
		runAt(T_B);
		assertThat(this.sent).containsExactly(new Sent("paris-1", play("b"), T_B));
		assertThat(writes).as("no MongoDB write at T").isEmpty();
		assertThat(lag().count()).as("a and b measured").isEqualTo(2);
		assertThat(lag().max(TimeUnit.MILLISECONDS)).as("b left at its planned time").isZero();

		runAt(T_B.plus(LEAD));
		assertThat(this.mongo.findById("r1", RadioState.class).songId()).isEqualTo("b");
		assertThat(this.sent).as("sent once").hasSize(1);
	}

	@Test
	void aRestartAfterTheCommitButBeforeThePlayIsDueSendsThePlayOnceAtItsPlannedTime() {
		radioPlayingA();
		runAt(T_B.minus(AHEAD));
		this.clock.set(T_B.minusSeconds(1));
		startScheduler(Map.of());
		assertThat(this.programme.armedPlays()).as("re-armed from the pending START").isEqualTo(1);
		assertThat(this.programme.nextDue()).contains(T_B);
		runAt(T_B.minusMillis(1));
		assertThat(this.sent).isEmpty();
		runAt(T_B);
		assertThat(this.sent).containsExactly(new Sent("paris-1", play("b"), T_B));
		runAt(T_B.plus(LEAD));
		assertThat(this.mongo.findById("r1", RadioState.class).songId()).isEqualTo("b");
		runAt(T_B.plus(LEAD).plusSeconds(1));
		assertThat(this.sent).as("once").hasSize(1);
		assertThat(RadioStore.read(this.mongo, "r1").handled()).extracting(RadioEvent::songId)
			.as("b's PREPARE was handled once, by the first run")
			.containsExactly(null, "b");
	}

	@Test
	void aRestartAfterThePlayLeftDoesNotSendItAgain() {
		radioPlayingA();
		runAt(T_B.minus(AHEAD));
		runAt(T_B);
		assertThat(this.sent).containsExactly(new Sent("paris-1", play("b"), T_B));
		this.clock.set(T_B.plusSeconds(1));
		startScheduler(Map.of());
		assertThat(this.programme.armedPlays()).isZero();
		runAt(T_B.plus(LEAD));
		assertThat(this.mongo.findById("r1", RadioState.class).songId()).as("b goes on air as planned")
			.isEqualTo("b");
		assertThat(this.sent).as("not sent again").hasSize(1);
	}

	@Test
	void aCrashBetweenTheCommitAndThePlannedTimeSendsThePlayAfterTheRestartInsteadOfSkippingTheTrack() {
		radioPlayingA();
		runAt(T_B.minus(AHEAD));
		// Killed after the commit, before T (no withdrawal, no receipt for b), started again 10 s after T: b never
		// left, so it goes out now, once, and the radio's events move by the time lost; c follows b, not a skip.
		Instant restart = T_B.plusSeconds(10);
		this.clock.set(restart);
		startScheduler(Map.of());
		runAt(restart);
		assertThat(this.sent).containsExactly(new Sent("paris-1", play("b"), restart));
		runAt(restart.plus(LEAD));
		assertThat(this.mongo.findById("r1", RadioState.class).songId()).isEqualTo("b");
		Instant tc = restart.plus(LEAD).plusSeconds(180).minus(LEAD);
		runAt(tc.minus(AHEAD));
		runAt(tc);
		assertThat(this.sent).extracting(Sent::message).containsExactly(play("b"), play("c"));
	}

	@Test
	void aCrashAfterThePlayLeftAndARestartAfterItsTrackStartedSendNothingTwice() {
		radioPlayingA();
		runAt(T_B.minus(AHEAD));
		runAt(T_B);
		Instant restart = T_B.plus(LEAD).plusSeconds(10);
		this.clock.set(restart);
		startScheduler(Map.of());
		runAt(restart);
		assertThat(this.mongo.findById("r1", RadioState.class).songId()).as("b on air from its planned start")
			.isEqualTo("b");
		assertThat(this.mongo.findById("r1", RadioState.class).playTime()).isEqualTo(T_B.plus(LEAD));
		Instant tc = T_B.plus(LEAD).plusSeconds(180).minus(LEAD);
		runAt(tc.minus(AHEAD));
		runAt(tc);
		assertThat(this.sent).extracting(Sent::message).containsExactly(play("b"), play("c"));
	}

	@Test
	void aCleanStopWithdrawsThePlaySoANextRunAfterThePlannedTimeSendsItLateWithTheRadioMovedOn() {
		radioPlayingA();
		runAt(T_B.minus(AHEAD));
		this.clock.set(T_B.minusSeconds(1));
		this.programme.withdrawArmedPlays();
		this.store.commit();
		runAt(T_B);
		assertThat(this.sent).as("a stopping scheduler sends nothing more").isEmpty();
		assertThat(pendingStart().withdrawn()).isTrue();

		Instant restart = T_B.plusSeconds(30);
		this.clock.set(restart);
		startScheduler(Map.of());
		runAt(restart);
		assertThat(this.sent).as("b surely never left: sent now, once")
			.containsExactly(new Sent("paris-1", play("b"), restart));
		StoredRadio stored = RadioStore.read(this.mongo, "r1");
		assertThat(stored.pending()).as("b and the PREPARE after it moved by the 30 s lost")
			.extracting(RadioEvent::kind, RadioEvent::dueAt, RadioEvent::withdrawn)
			.containsExactly(tuple(RadioEvent.Kind.START, restart.plus(LEAD), false),
					tuple(RadioEvent.Kind.PREPARE, restart.plusSeconds(180), false));
		runAt(restart.plus(LEAD));
		RadioState state = this.mongo.findById("r1", RadioState.class);
		assertThat(state.songId()).isEqualTo("b");
		assertThat(state.playTime()).isEqualTo(restart.plus(LEAD));
		assertThat(this.sent).hasSize(1);
	}

	@Test
	void aCleanStopAndARestartBeforeThePlannedTimeSendThePlayAtThatTime() {
		radioPlayingA();
		runAt(T_B.minus(AHEAD));
		this.programme.withdrawArmedPlays();
		this.store.commit();
		this.clock.set(T_B.minusSeconds(1));
		startScheduler(Map.of());
		assertThat(this.programme.armedPlays()).isEqualTo(1);
		runAt(T_B);
		assertThat(this.sent).containsExactly(new Sent("paris-1", play("b"), T_B));
		assertThat(pendingStart().dueAt()).as("nothing moved").isEqualTo(T_B.plus(LEAD));
		assertThat(pendingStart().withdrawn()).as("armed again, no longer withdrawn").isFalse();
		// A crash after it left: the next run must not send it again.
		this.clock.set(T_B.plusSeconds(1));
		startScheduler(Map.of());
		runAt(T_B.plusSeconds(1));
		runAt(T_B.plus(LEAD));
		assertThat(this.sent).hasSize(1);
		assertThat(this.mongo.findById("r1", RadioState.class).songId()).isEqualTo("b");
	}

	@Test
	void aRadioStoppedBetweenTheCommitAndThePlannedTimeGetsNoPlay() {
		radioPlayingA();
		runAt(T_B.minus(AHEAD));
		this.clock.set(T_B.minusSeconds(1));
		message(new StopRadio("paris-1", "r1"));
		this.sent.clear();
		runAt(T_B);
		runAt(T_B.plus(LEAD));
		assertThat(this.sent).isEmpty();
		assertThat(this.mongo.findById("r1", RadioState.class)).isNull();
		assertThat(this.programme.nextDue()).isEmpty();
	}

	@Test
	void aRadioStoppedAndStartedAgainBeforeThePlannedTimeGetsOnlyItsNewTrack() {
		radioPlayingA();
		runAt(T_B.minus(AHEAD));
		this.clock.set(T_B.minusSeconds(1));
		message(new StopRadio("paris-1", "r1"));
		message(new PlayRadio("paris-1", "r1"));
		assertThat(this.sent).extracting(Sent::message)
			.containsExactly(new RadioStopped("r1"), new RadioStarted("r1"), play("a"));
		this.sent.clear();
		runAt(T_B);
		assertThat(this.sent).as("the old b is not announced").isEmpty();
	}

	@Test
	void aStreamerJoiningBetweenTheCommitAndThePlannedTimeGetsThePlayOnceAtThatTime() {
		radioPlayingA();
		runAt(T_B.minus(AHEAD));
		// The master is gone; lyon-1 takes the radio over one second before b's play is due.
		this.handler.unregisterStreamer("paris-1", "test");
		this.clock.set(T_B.minusSeconds(1));
		message(new PlayRadio("lyon-1", "r1"));
		double offset = Duration.between(T0.plus(LEAD), T_B.minusSeconds(1)).toSeconds();
		assertThat(this.sent).as("the song on air, not b yet")
			.containsExactly(new Sent("lyon-1", new RadioStarted("r1"), T_B.minusSeconds(1)),
					new Sent("lyon-1", new Play("r1", "a.mp3", 0, offset, 0), T_B.minusSeconds(1)));
		this.sent.clear();
		runAt(T_B);
		assertThat(this.sent).as("b from the timer, to the master of now")
			.containsExactly(new Sent("lyon-1", play("b"), T_B));
		runAt(T_B.plus(LEAD));
		assertThat(this.sent).hasSize(1);
	}

	@Test
	void aStreamerJoiningAfterThePlannedTimeGetsThePlayAnnouncedWithTheTimeLeft() {
		radioPlayingA();
		runAt(T_B.minus(AHEAD));
		this.handler.unregisterStreamer("paris-1", "test");
		runAt(T_B);
		assertThat(this.sent).as("no master at T").isEmpty();
		this.clock.set(T_B.plusSeconds(2));
		message(new PlayRadio("lyon-1", "r1"));
		assertThat(this.sent).extracting(Sent::message)
			.contains(new Play("r1", "b.mp3", 3.0, 0, 0))
			.filteredOn((message) -> message instanceof Play p && p.filename().equals("b.mp3"))
			.hasSize(1);
	}

	@Test
	void theTrackIsPickedForItsPlannedStartNotForOneLeadTimeAfterItWasPrepared() {
		// a starts at 22:59:56 + 5 s; b's planned start is 23:03:01; its PREPARE runs at 23:02:54, when
		// "now + lead" would be 23:02:59, before the show that starts at 23:03.
		this.clock.set(Instant.parse("2026-11-20T22:59:56Z"));
		this.mongo.save(new Song("n1", "n1.mp3", 180, null, null));
		this.mongo.save(new Playlist("night", "n", List.of("n1"), false));
		this.mongo.save(new Show("late", "r1", "Late", Set.of(DayOfWeek.FRIDAY), "23:03", "00:10", "night"));
		for (String id : List.of("a", "b", "c")) {
			this.mongo.save(new Song(id, id + ".mp3", 180, null, null));
		}
		this.mongo.save(new Playlist("default", "d", List.of("a", "b", "c"), false));
		this.mongo.save(new Radio("r1", "R1", "default"));
		message(new PlayRadio("paris-1", "r1"));
		Instant tb = Instant.parse("2026-11-20T23:02:56Z");
		runAt(this.programme.nextDue().orElseThrow());
		assertThat(this.programme.nextDue()).contains(tb.minus(AHEAD));
		runAt(tb.minus(AHEAD));
		runAt(tb);
		assertThat(this.sent).last().isEqualTo(new Sent("paris-1", new Play("r1", "n1.mp3", 5.0, 0, 0), tb));
	}

	@Test
	void aBurstOfPlaysDueTogetherLeavesInOneTaskOfTheLoop() {
		this.mongo.save(new Song("a", "a.mp3", 180, null, null));
		this.mongo.save(new Playlist("default", "d", List.of("a"), false));
		int radios = 3 * RadioProgramme.DUE_BATCH;
		for (int i = 0; i < radios; i++) {
			this.mongo.save(new Radio("r" + i, "R" + i, "default"));
			this.store.saveState(RadioState.started("r" + i, "paris-1", T0));
		}
		for (int i = 0; i < radios; i++) {
			this.programme.prepareNow("r" + i);
		}
		this.programme.runDue();
		runAt(T0.plus(LEAD));
		this.sent.clear();
		Instant t = T0.plus(LEAD).plusSeconds(180).minus(LEAD);
		this.clock.set(t.minus(AHEAD));
		assertThat(this.programme.runDueBatch()).as("PREPAREs: one batch per task").isEqualTo(RadioProgramme.DUE_BATCH);
		this.programme.runDue();
		assertThat(this.programme.armedPlays()).isEqualTo(radios);
		this.clock.set(t);
		assertThat(this.programme.runDueBatch()).as("every play in one task").isLessThan(RadioProgramme.DUE_BATCH);
		assertThat(this.sent).hasSize(radios).allMatch((s) -> s.at().equals(t));
	}

	@Test
	void withPrepareAheadZeroThePrepareIsHandledAndItsPlaySentAtItsDueTime() {
		startScheduler(Map.of("mediafleet.scheduler.radio.prepare-ahead", "0s"));
		radioPlayingA();
		assertThat(this.programme.nextDue()).contains(T_B);
		runAt(T_B.minusMillis(1));
		assertThat(RadioStore.read(this.mongo, "r1").pending()).extracting(RadioEvent::kind)
			.containsExactly(RadioEvent.Kind.PREPARE);
		runAt(T_B);
		assertThat(this.sent).containsExactly(new Sent("paris-1", play("b"), T_B));
		assertThat(this.programme.armedPlays()).isZero();
		assertThat(pendingStart().announceAt()).as("announced with its commit").isEqualTo(T_B);
	}

	/** Radio r1 on an ordered playlist of six 4-second songs a-f (the devstack demo's are 4 s long too). */
	private void shortSongsRadio() {
		List<String> ids = List.of("a", "b", "c", "d", "e", "f");
		for (String id : ids) {
			this.mongo.save(new Song(id, id + ".mp3", 4, null, null));
		}
		this.mongo.save(new Playlist("default", "d", ids, false));
		this.mongo.save(new Radio("r1", "R1", "default"));
	}

	/** Runs the loop at {@code now} until nothing more is due (the real loop wakes itself for each new event). */
	private void settleAt(Instant now) {
		this.clock.set(now);
		for (int i = 0; i < 50 && this.programme.nextDue().filter((due) -> !due.isAfter(now)).isPresent(); i++) {
			this.programme.runDue();
		}
	}

	/** Every play sent, as the file and when the streamer starts it (arrival + delay). */
	private List<Map.Entry<String, Instant>> startsHeard() {
		return this.sent.stream()
			.filter((s) -> s.message() instanceof Play)
			.map((s) -> Map.<String, Instant>entry(((Play) s.message()).filename(),
					s.at().plusMillis(Math.round(((Play) s.message()).delaySeconds() * 1000))))
			.toList();
	}

	/** The plays follow the playlist a-f round and round, none twice, each starting exactly where the last ends. */
	private void assertGaplessAndInOrder(int atLeast) {
		List<Map.Entry<String, Instant>> starts = startsHeard();
		assertThat(starts).hasSizeGreaterThanOrEqualTo(atLeast);
		List<String> order = List.of("a.mp3", "b.mp3", "c.mp3", "d.mp3", "e.mp3", "f.mp3");
		for (int i = 0; i < starts.size(); i++) {
			assertThat(starts.get(i).getKey()).as("track %d: no skip, no repeat", i).isEqualTo(order.get(i % 6));
			if (i > 0) {
				assertThat(starts.get(i).getValue()).as("track %d starts as the previous one ends", i)
					.isEqualTo(starts.get(i - 1).getValue().plusSeconds(4));
			}
		}
	}

	@Test
	void withAnAnnounceHorizonEveryTrackStartingWithinItIsAnnouncedAndEachStartsWhereThePreviousEnds() {
		startScheduler(Map.of("mediafleet.scheduler.radio.announce-horizon", "20s"));
		shortSongsRadio();
		message(new PlayRadio("paris-1", "r1"));
		settleAt(T0);
		assertThat(this.sent).extracting(Sent::message)
			.containsExactly(new RadioStarted("r1"), new Play("r1", "a.mp3", 5, 0, 0), new Play("r1", "b.mp3", 9, 0, 0),
					new Play("r1", "c.mp3", 13, 0, 0), new Play("r1", "d.mp3", 17, 0, 0));
		assertThat(this.programme.armedPlays()).as("e, committed ahead, leaves at T0 + 1 s").isEqualTo(1);
		for (int second = 1; second <= 40; second++) {
			settleAt(T0.plusSeconds(second));
		}
		assertGaplessAndInOrder(14);
	}

	@Test
	void withAnAnnounceHorizonPlaysLeftLateByAHeldUpLoopStillStartWhereThePreviousTrackEnds() {
		// The loop is held up 8 s (a catalogue read waiting for an unreachable MongoDB, run 10 of the fault matrix):
		// the plays due meanwhile leave late, all at once. Each must still start its track at its planned time, as the
		// tracks announced before the hold-up keep theirs; counted from their planned announce time, they started as
		// late as they left, a gap of up to 8 s heard one horizon later.
		startScheduler(Map.of("mediafleet.scheduler.radio.announce-horizon", "20s"));
		shortSongsRadio();
		message(new PlayRadio("paris-1", "r1"));
		for (int second = 0; second <= 12; second++) {
			settleAt(T0.plusSeconds(second));
		}
		// The PREPARE due at T0 + 13 s was handled ahead: its play is armed for then, and leaves 7 s late.
		assertThat(this.programme.armedPlays()).isEqualTo(1);
		for (int second = 20; second <= 40; second++) {
			settleAt(T0.plusSeconds(second));
		}
		assertGaplessAndInOrder(14);
	}

	@Test
	void withAnAnnounceHorizonACrashAndARestartWithinItLoseNoTrackAndRepeatNone() {
		startScheduler(Map.of("mediafleet.scheduler.radio.announce-horizon", "20s"));
		shortSongsRadio();
		message(new PlayRadio("paris-1", "r1"));
		settleAt(T0);
		settleAt(T0.plusSeconds(1));
		settleAt(T0.plusMillis(4500));
		// Killed after f was committed ahead (due T0 + 5 s) but before its play left; back 12 s later.
		assertThat(this.programme.armedPlays()).isEqualTo(1);
		Instant restart = T0.plusMillis(16_500);
		this.clock.set(restart);
		startScheduler(Map.of("mediafleet.scheduler.radio.announce-horizon", "20s"));
		for (int tenth = 0; tenth <= 300; tenth += 5) {
			settleAt(restart.plusMillis(100L * tenth));
		}
		assertGaplessAndInOrder(12);
	}

	@Test
	void withAnAnnounceHorizonACrashRightAfterAPlayLeftSendsItNeverAgain() {
		startScheduler(Map.of("mediafleet.scheduler.radio.announce-horizon", "20s"));
		shortSongsRadio();
		message(new PlayRadio("paris-1", "r1"));
		settleAt(T0);
		settleAt(T0.plusSeconds(1));
		Instant restart = T0.plusSeconds(15);
		this.clock.set(restart);
		startScheduler(Map.of("mediafleet.scheduler.radio.announce-horizon", "20s"));
		for (int tenth = 0; tenth <= 300; tenth += 5) {
			settleAt(restart.plusMillis(100L * tenth));
		}
		assertGaplessAndInOrder(12);
	}

	/** The test's database on a client that records every write to {@code radio_states}. */
	private MongoTemplate listened(List<String> writes) {
		CommandListener listener = new CommandListener() {
			@Override
			public void commandStarted(CommandStartedEvent event) {
				BsonValue target = event.getCommand().get(event.getCommandName());
				if (target != null && target.isString()
						&& target.asString().getValue().equals(RadioState.COLLECTION)
						&& !event.getCommandName().equals("find")) {
					writes.add(event.getCommandName());
				}
			}
		};
		MongoClient listened = MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(TestMongoDb.uri()))
			.addCommandListener(listener)
			.build());
		this.listenedClients.add(listened);
		return new MongoTemplate(listened, this.mongo.getDb().getName());
	}

	private final List<MongoClient> listenedClients = new ArrayList<>();

	@AfterEach
	void closeClients() {
		this.listenedClients.forEach(MongoClient::close);
	}

	/** A message that left, to whom, and the clock's time when it did. */
	record Sent(String streamer, SchedulerMessage message, Instant at) {
	}

}
