package io.mediafleet.scheduler.radio;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.mediafleet.schema.radio.Play;
import io.mediafleet.schema.radio.PlayRadio;
import io.mediafleet.schema.radio.RadioStarted;
import io.mediafleet.schema.radio.RegisterListener;
import io.mediafleet.schema.radio.RegisterStreamer;
import io.mediafleet.schema.radio.SchedulerMessage;
import io.mediafleet.schema.radio.StreamerMessage;
import io.mediafleet.schema.radio.UnregisterListener;
import io.mediafleet.schema.radio.UnregisterStreamer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.mediafleet.scheduler.SchedulerProperties;
import io.mediafleet.scheduler.listen.ListenDirectory;
import io.mediafleet.scheduler.radio.RadioProgrammeIntegrationTests.MutableClock;
import io.mediafleet.testsupport.TestMongoDb;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based model test of the radio programme (jqwik stateful testing): random chains of clock advances, play
 * receipts, streamer leave/join, listener sessions opened and closed, playlist edits, SIGKILL-like crashes and clean
 * stops, each recovered from what was persisted. Drives the real state machine ({@link RadioProgramme},
 * {@link RadioHandler}, {@link ListenerSessions}, {@link StreamerRegistry}) through its two ports: the persistence
 * port ({@link RadioPersistence}) is the real MongoDB adapter {@link RadioStore} on a real MongoDB (bookkeeping
 * through the real {@link RadioWriteBehind}); the outbound port ({@link RadioOutbound}) is {@link ModelOutbox}, in
 * memory, which keeps the Redis receipts hash (it outlives every scheduler, as Redis does) and delivers each flush
 * to a model streamer. A crash drops the programme, the store, the
 * outbox's unflushed messages and every in-memory timer without a word; the next scheduler reads MongoDB and the
 * receipts, as {@code RadioLoop.start} does. The model is what the streamer should hold and what MongoDB's session
 * documents should say. Checked after every step and at the end:
 * <ul>
 * <li>no {@code play} is published before the START it announces is in MongoDB;</li>
 * <li>no programme {@code play} (START id) is published twice, across any number of crashes;</li>
 * <li>per streamer, a radio's messages arrive in order: {@code radio_started} before its plays, and no play
 * announces a track starting before one already announced;</li>
 * <li>while the streamer masters the radio, the tracks it holds follow the playlist (each the successor of the
 * previous one in some version of the playlist: none skipped, none twice) and each starts where the previous one
 * ends (outages are shorter than the announce horizon minus the lead time, so no gap either), restarts while the
 * radio has no master included;</li>
 * <li>every listener session the model opened is open in memory and in MongoDB until closed, and closed exactly
 * once: its document's end time is the time of its one close (a second close would rewrite it).</li>
 * </ul>
 * Not modelled: a listener close while the scheduler is down (lost with pub/sub: the known gap in radio.md), write
 * behind queues lost by a SIGKILL (the crash here lets the writer finish, the kill script covers the real thing).
 */
class RadioProgrammeModelIntegrationTests {

	static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");

	static final Map<String, String> SETTINGS = Map.of("mediafleet.scheduler.radio.announce-horizon", "20s",
			"mediafleet.scheduler.radio.play-lead-time", "5s", "mediafleet.scheduler.radio.prepare-ahead", "2s");

	/**
	 * How long a crash waits for the writer to write what it holds: generous, a bound for a stuck writer, not a
	 * timing expectation (a loaded machine takes seconds).
	 */
	static final Duration WRITER_WAIT = Duration.ofSeconds(60);

	/** Longest outage the chain draws: the horizon (20 s) minus the lead time (5 s) minus a margin. */
	static final int MAX_DOWN_MS = 14_000;

	static final String RADIO = "r1";

	static final String STREAMER = "paris-1";

	/** Song durations (s) by file; appended songs get 4 s. */
	static final Map<String, Double> DURATIONS = new LinkedHashMap<>();

	static {
		double[] seconds = { 4, 3, 5, 4, 6, 2.5 };
		String[] files = { "a", "b", "c", "d", "e", "f" };
		for (int i = 0; i < files.length; i++) {
			DURATIONS.put(files[i] + ".mp3", seconds[i]);
		}
	}

	private static @Nullable MongoClient client;

	private static final List<RadioWriteBehind> writers = new ArrayList<>();

	private static int databases;

	static synchronized MongoClient client() {
		if (client == null) {
			client = MongoClients.create(TestMongoDb.uri());
		}
		return client;
	}

	@AfterTry
	void stopWriters() {
		for (RadioWriteBehind writer : writers) {
			writer.stop(Duration.ofSeconds(5));
		}
		writers.clear();
	}

	@AfterContainer
	static void closeClient() {
		if (client != null) {
			client.close();
			client = null;
		}
	}

	@Property(tries = 15)
	void crashesRestartsAndListenersKeepEveryRadioInvariant(@ForAll("runs") ActionChain<World> chain) {
		run(chain);
	}

	/**
	 * A chain the property found (shrunk) when the allowance below was removed, replayed as it was; seeds
	 * -2421112027359826406 and -2339988267777711529 find the same fault. The scheduler crashes and stops while the
	 * radio has no master streamer, then the streamer joins right after a restart. Before 2026-12-07 the plays planned
	 * meanwhile (sent to nobody, so without a receipt) counted as never sent and were moved by the time lost: the
	 * joining streamer held the next track starting 1.8 s after the one on air ended.
	 */
	@Example
	void restartsWhileTheRadioHasNoMasterKeepItsTracksBackToBack() {
		World world = new World();
		world.listenerOpens();
		world.listenerOpens();
		step(world, (w) -> w.tick(189), (w) -> w.tick(840), (w) -> w.tick(901), World::listenerOpens,
				World::listenerOpens, World::streamerLeaves, (w) -> w.tick(110), World::streamerJoins,
				(w) -> w.tick(2537), (w) -> w.restart(false, 897), (w) -> w.tick(1631), (w) -> w.restart(true, 1616),
				(w) -> w.tick(109), (w) -> w.tick(131), (w) -> w.restart(false, 991), (w) -> w.restart(true, 96),
				(w) -> w.tick(801), World::streamerLeaves, (w) -> w.tick(146), World::listenerOpens,
				(w) -> w.tick(543), (w) -> w.tick(463), (w) -> w.restart(true, 9291), (w) -> w.restart(false, 876),
				(w) -> w.tick(409), (w) -> w.tick(144), (w) -> w.restart(false, 3284), (w) -> w.tick(1433),
				(w) -> w.restart(true, 2859), World::streamerJoins, (w) -> w.tick(3000));
		world.checkEnd();
	}

	@SafeVarargs
	private static void step(World world, java.util.function.Consumer<World>... steps) {
		for (java.util.function.Consumer<World> each : steps) {
			each.accept(world);
			world.checkStep();
		}
	}

	private static void run(ActionChain<World> chain) {
		World world = chain.withInvariant("in-step invariants", World::checkStep).run();
		world.checkEnd();
	}

	@Provide
	Arbitrary<ActionChain<World>> runs() {
		return ActionChain.<World>startWith(World::new)
			.withAction(8, new Tick())
			.withAction(2, new Crash(false))
			.withAction(1, new Crash(true))
			.withAction(1, new StreamerLeaves())
			.withAction(1, new StreamerJoins())
			.withAction(3, new ListenerOpens())
			.withAction(2, new ListenerCloses())
			.withAction(1, new PlaylistEdit())
			.withMaxTransformations(40);
	}

	static final class Tick implements Action.Independent<World> {

		@Override
		public Arbitrary<Transformer<World>> transformer() {
			return Arbitraries.integers()
				.between(100, 3000)
				.map((ms) -> Transformer.mutate("tick " + ms + " ms", (world) -> world.tick(ms)));
		}

	}

	record Crash(boolean clean) implements Action.Independent<World> {

		@Override
		public Arbitrary<Transformer<World>> transformer() {
			return Arbitraries.integers()
				.between(0, MAX_DOWN_MS)
				.map((ms) -> Transformer.mutate((this.clean ? "clean stop, down " : "crash, down ") + ms + " ms",
						(world) -> world.restart(this.clean, ms)));
		}

	}

	static final class StreamerLeaves implements Action.Independent<World> {

		@Override
		public boolean precondition(World world) {
			return world.streamerOn;
		}

		@Override
		public Arbitrary<Transformer<World>> transformer() {
			return Arbitraries.just(Transformer.mutate("unregister_streamer", World::streamerLeaves));
		}

	}

	static final class StreamerJoins implements Action.Independent<World> {

		@Override
		public boolean precondition(World world) {
			return !world.streamerOn;
		}

		@Override
		public Arbitrary<Transformer<World>> transformer() {
			return Arbitraries.just(Transformer.mutate("register_streamer + play_radio", World::streamerJoins));
		}

	}

	static final class ListenerOpens implements Action.Independent<World> {

		@Override
		public Arbitrary<Transformer<World>> transformer() {
			return Arbitraries.just(Transformer.mutate("register_listener", World::listenerOpens));
		}

	}

	static final class ListenerCloses implements Action.Dependent<World> {

		@Override
		public boolean precondition(World world) {
			return !world.openSessions.isEmpty();
		}

		@Override
		public Arbitrary<Transformer<World>> transformer(World world) {
			return Arbitraries.of(List.copyOf(world.openSessions.keySet()))
				.map((id) -> Transformer.mutate("unregister_listener " + id, (w) -> w.listenerCloses(id)));
		}

	}

	static final class PlaylistEdit implements Action.Independent<World> {

		@Override
		public boolean precondition(World world) {
			return world.playlist.size() < 9;
		}

		@Override
		public Arbitrary<Transformer<World>> transformer() {
			return Arbitraries.just(Transformer.mutate("playlist: append a song", World::appendSong));
		}

	}

	/** A track the model streamer holds: file and when it starts (arrival + delay - offset). */
	record Held(String filename, Instant startsAt) {
	}

	/** The real scheduler (rebuilt at each restart), its ports, and the model it is checked against. */
	static final class World {

		final MongoTemplate mongo;

		final MutableClock clock = new MutableClock(T0);

		final SchedulerProperties.Radio settings = new Binder(new MapConfigurationPropertySource(SETTINGS))
			.bindOrCreate("mediafleet.scheduler", Bindable.of(SchedulerProperties.class))
			.radio();

		/** The Redis receipts hash: outlives every scheduler. */
		final Map<String, PlayReceipt> receipts = new HashMap<>();

		/** Messages queued in the running scheduler's outbox, lost with a crash. */
		final List<Queued> queued = new ArrayList<>();

		final List<String> violations = new ArrayList<>();

		/** START ids whose play was published. */
		final Set<String> publishedStarts = new LinkedHashSet<>();

		// Model.

		final List<List<String>> playlistVersions = new ArrayList<>();

		List<String> playlist = new ArrayList<>(DURATIONS.keySet());

		boolean streamerOn = true;

		/** Tracks the streamer holds in its current stint as master (repeats ignored), in arrival order. */
		List<Held> stint = new ArrayList<>();

		final List<List<Held>> stints = new ArrayList<>();

		boolean startedInStint;

		/** Sessions the model opened and has not closed; closed ones with their close time. */
		final Map<String, Instant> openSessions = new LinkedHashMap<>();

		final Map<String, Instant> closedSessions = new LinkedHashMap<>();

		int nextSession;

		// The running scheduler.

		RadioStore store;

		RadioProgramme programme;

		RadioHandler handler;

		ListenerSessions sessions;

		RadioWriteBehind writer;

		final StringBuilder log = new StringBuilder();

		World() {
			this.mongo = new MongoTemplate(client(), "radio-model-" + (databases++));
			this.mongo.getDb().drop();
			for (Map.Entry<String, Double> song : DURATIONS.entrySet()) {
				String file = song.getKey();
				this.mongo.save(new Song(file, file, song.getValue(), null, null));
			}
			this.playlistVersions.add(List.copyOf(this.playlist));
			this.mongo.save(new Playlist("default", "d", List.copyOf(this.playlist), false));
			this.mongo.save(new Radio(RADIO, "R1", "default"));
			startScheduler();
			handle(new PlayRadio(STREAMER, RADIO));
			settleAt(T0);
		}

		void startScheduler() {
			RadioMetrics metrics = new RadioMetrics(new SimpleMeterRegistry());
			RadioOutbound outbox = new ModelOutbox(this);
			this.writer = new RadioWriteBehind(this.mongo, metrics, 10_000, 100);
			this.writer.start();
			writers.add(this.writer);
			this.store = RadioStore.committingAtOnce(this.mongo, this.writer);
			this.programme = new RadioProgramme(this.store, outbox, metrics::schedulingLag, this.clock, this.settings,
					new Random(7), (due) -> {
					});
			this.sessions = new ListenerSessions(this.store);
			StreamerRegistry streamers = new StreamerRegistry(this.store);
			this.handler = new RadioHandler(this.store, this.sessions, streamers, outbox, this.programme, this.clock,
					null, new ListenDirectory(Duration.ofSeconds(3)));
			// As RadioLoop.start does.
			streamers.load();
			this.sessions.load();
			this.store.load();
			for (RadioState state : this.store.states()) {
				String master = state.masterStreamer();
				if (master != null && !streamers.isRegistered(master)) {
					streamers.register(master, this.clock.instant());
				}
			}
			this.programme.recover();
			this.store.commit();
			outbox.flush();
			this.outbox = outbox;
		}

		RadioOutbound outbox;

		/** One message from the streamer, handled as the loop does: handle, commit, flush. */
		void handle(StreamerMessage message) {
			this.handler.handle(message);
			this.store.commit();
			this.outbox.flush();
		}

		/** Runs the loop up to {@code now}, waking at each due time as the real loop does. */
		void settleAt(Instant now) {
			for (int i = 0; i < 500; i++) {
				Instant due = this.programme.nextDue().filter((at) -> !at.isAfter(now)).orElse(null);
				if (due == null) {
					break;
				}
				this.clock.set(due.isAfter(this.clock.instant()) ? due : this.clock.instant());
				this.programme.runDue();
			}
			this.clock.set(now);
		}

		void tick(int ms) {
			this.log.append(" tick ").append(ms);
			settleAt(this.clock.instant().plusMillis(ms));
		}

		void restart(boolean clean, int downMs) {
			this.log.append(clean ? " stop " : " crash ").append(downMs);
			if (clean) {
				this.programme.withdrawArmedPlays();
				this.store.commit();
				this.outbox.flush();
			}
			// What the writer had queued reaches MongoDB (see the class comment); anything unflushed is lost.
			this.queued.clear();
			finishWriter();
			checkSessionDocuments();
			this.clock.set(this.clock.instant().plusMillis(downMs));
			startScheduler();
			settleAt(this.clock.instant());
		}

		void streamerLeaves() {
			this.log.append(" leave");
			handle(new UnregisterStreamer(STREAMER));
			this.streamerOn = false;
			// The scheduler closes the streamer's sessions now.
			Instant now = this.clock.instant();
			for (String id : this.openSessions.keySet()) {
				this.closedSessions.put(id, now);
			}
			this.openSessions.clear();
			endStint();
		}

		void streamerJoins() {
			this.log.append(" join");
			// Listening from now on: radio_started and the plays of a joining streamer follow.
			this.streamerOn = true;
			handle(new RegisterStreamer(STREAMER));
			handle(new PlayRadio(STREAMER, RADIO));
		}

		void listenerOpens() {
			String id = "s" + (this.nextSession++);
			this.log.append(" open ").append(id);
			handle(new RegisterListener(RADIO, id, null));
			if (this.streamerOn) {
				this.openSessions.put(id, this.clock.instant());
			}
		}

		void listenerCloses(String id) {
			this.log.append(" close ").append(id);
			handle(new UnregisterListener(id));
			this.openSessions.remove(id);
			this.closedSessions.put(id, this.clock.instant());
		}

		void appendSong() {
			String file = "g" + this.playlist.size() + ".mp3";
			this.log.append(" append ").append(file);
			this.mongo.save(new Song(file, file, 4, null, null));
			this.playlist.add(file);
			this.playlistVersions.add(List.copyOf(this.playlist));
			this.mongo.save(new Playlist("default", "d", List.copyOf(this.playlist), false));
			this.store.catalogueChanged();
		}

		void endStint() {
			if (!this.stint.isEmpty()) {
				this.stints.add(this.stint);
			}
			this.stint = new ArrayList<>();
			this.startedInStint = false;
		}

		/** What the streamer received, for the failure message. */
		final List<String> trace = new ArrayList<>();

		/** The streamer receives one message published on its channel. */
		void deliver(String streamer, SchedulerMessage message) {
			this.trace.add(Duration.between(T0, this.clock.instant()).toMillis() + "ms " + streamer + " "
					+ ((message instanceof Play play) ? play.filename() + " delay " + play.delaySeconds() + " offset "
							+ play.offsetSeconds() : message.getClass().getSimpleName()));
			if (!STREAMER.equals(streamer) || !this.streamerOn) {
				return;
			}
			if (message instanceof RadioStarted) {
				this.startedInStint = true;
				return;
			}
			if (!(message instanceof Play play)) {
				return;
			}
			if (!this.startedInStint) {
				this.violations.add("play of " + play.filename() + " before radio_started");
			}
			Instant startsAt = this.clock.instant()
				.plusNanos(Math.round((play.delaySeconds() - play.offsetSeconds()) * 1e9));
			for (Held held : this.stint) {
				// A repeat (a joining streamer is sent what it may hold already): recognised and ignored.
				if (held.filename().equals(play.filename())
						&& Math.abs(Duration.between(held.startsAt(), startsAt).toMillis()) <= 1) {
					return;
				}
			}
			if (!this.stint.isEmpty() && startsAt.isBefore(this.stint.get(this.stint.size() - 1).startsAt())) {
				this.violations.add("play of " + play.filename() + " starting " + startsAt + " arrived after one "
						+ "starting later: " + this.stint.get(this.stint.size() - 1));
			}
			this.stint.add(new Held(play.filename(), startsAt));
		}

		void checkStep() {
			assertThat(this.violations).as("%s; received %s", this.log, this.trace).isEmpty();
			assertThat(this.sessions.size()).as("open sessions in memory; %s", this.log)
				.isEqualTo(this.openSessions.size());
			checkStint(this.stint);
		}

		void checkEnd() {
			// Let every announced track start, then compare.
			settleAt(this.clock.instant().plusSeconds(25));
			if (this.streamerOn) {
				assertThat(this.stint).as("a master streamer is sent plays; %s", this.log).isNotEmpty();
			}
			endStint();
			checkStep();
			finishWriter();
			checkSessionDocuments();
			for (List<Held> held : this.stints) {
				checkStint(held);
			}
		}

		/** One stint of the streamer as master: successive tracks of the playlist, back to back. */
		void checkStint(List<Held> held) {
			for (int i = 1; i < held.size(); i++) {
				Held previous = held.get(i - 1);
				Held next = held.get(i);
				String run = this.log + "; stint " + held;
				assertThat(isSuccessor(previous.filename(), next.filename()))
					.as("%s; track %d (%s) follows %s in the playlist: none skipped, none twice", run, i,
							next.filename(), previous.filename())
					.isTrue();
				long lengthMs = Math.round(duration(previous.filename()) * 1000);
				long gapMs = Duration.between(previous.startsAt(), next.startsAt()).toMillis();
				assertThat(gapMs).as("%s; track %d starts where the previous ends", run, i)
					.isCloseTo(lengthMs, org.assertj.core.data.Offset.offset(1L));
			}
		}

		boolean isSuccessor(String previous, String next) {
			for (List<String> version : this.playlistVersions) {
				int at = version.indexOf(previous);
				if (at >= 0 && version.get((at + 1) % version.size()).equals(next)) {
					return true;
				}
			}
			return false;
		}

		double duration(String file) {
			return DURATIONS.getOrDefault(file, 4.0);
		}

		/**
		 * Lets the running scheduler's writer write everything it was given (a barrier), then stops it, checking
		 * that it lost nothing. Waited for, with a generous bound: until 2026-12-07 this was {@code stop(5 s)} with
		 * its result ignored, so a stop that gave up on a loaded machine (or a lane that exited with a write queued
		 * just before the stop, a race {@link RadioWriteBehind#stop} had until then) left the last session close
		 * unwritten, and the check below reported an invariant the scheduler had kept: "session s1 closed" (the flake
		 * of 2026-12-07; a stop limited to 20 ms gives that message in the first 5 tries). A writer that loses a write
		 * now fails as such.
		 */
		void finishWriter() {
			try {
				this.writer.barrier().get(WRITER_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new AssertionError("the writer did not write what it was given within " + WRITER_WAIT
						+ "; " + this.log, ex);
			}
			assertThat(this.writer.stop(WRITER_WAIT)).as("writes the writer still held at stop; %s", this.log)
				.isZero();
		}

		/**
		 * MongoDB agrees with the model: open sessions open, each closed one closed once, at its close time. Called
		 * with the writer stopped (everything it had is written).
		 */
		void checkSessionDocuments() {
			Map<String, ListenerSession> documents = new HashMap<>();
			for (ListenerSession session : this.mongo.findAll(ListenerSession.class)) {
				documents.put(session.sessionId(), session);
			}
			for (Map.Entry<String, Instant> open : this.openSessions.entrySet()) {
				ListenerSession document = documents.get(open.getKey());
				assertThat(document).as("session %s opened; %s", open.getKey(), this.log).isNotNull();
				assertThat(document.open()).as("session %s still open; %s", open.getKey(), this.log).isTrue();
			}
			for (Map.Entry<String, Instant> closed : this.closedSessions.entrySet()) {
				ListenerSession document = documents.get(closed.getKey());
				if (document == null) {
					continue; // Opened while the radio had no master: never a session.
				}
				assertThat(document.open()).as("session %s closed; %s", closed.getKey(), this.log).isFalse();
				assertThat(document.endedAt()).as("session %s closed once, when the model closed it; %s",
						closed.getKey(), this.log)
					.isEqualTo(closed.getValue());
			}
		}

		@Override
		public String toString() {
			return "World[" + this.log + "]";
		}

	}

	/** A message as the loop queued it, with the START a play announces. */
	record Queued(String streamer, SchedulerMessage message, @Nullable RadioEvent start) {
	}

	/**
	 * The outbound port in memory: queues in call order, publishes at flush, and writes each play's receipt with it
	 * (as the Redis script does).
	 */
	static final class ModelOutbox implements RadioOutbound {

		private final World world;

		ModelOutbox(World world) {
			this.world = world;
		}

		@Override
		public void send(String streamer, SchedulerMessage message) {
			this.world.queued.add(new Queued(streamer, message, null));
		}

		@Override
		public void sendUnordered(String streamer, SchedulerMessage message) {
			this.world.queued.add(new Queued(streamer, message, null));
		}

		@Override
		public void sendAnnounced(String streamer, SchedulerMessage message) {
			this.world.queued.add(new Queued(streamer, message, null));
		}

		@Override
		public void sendPlay(String streamer, Play play, RadioEvent start, boolean written) {
			this.world.queued.add(new Queued(streamer, play, start));
		}

		@Override
		public void flush(@Nullable Runnable afterPublish, @Nullable Runnable afterAnnounced) {
			List<Queued> out = List.copyOf(this.world.queued);
			this.world.queued.clear();
			Set<String> joined = new java.util.HashSet<>();
			for (Queued each : out) {
				RadioEvent start = each.start();
				if (each.message() instanceof RadioStarted) {
					// What follows in this flush is what a joining streamer is sent: repeats by design.
					joined.add(each.streamer());
				}
				if (start != null) {
					StoredRadio stored = RadioStore.read(this.world.mongo, start.radioUuid());
					boolean durable = stored != null
							&& (stored.pending().stream().anyMatch((e) -> e.id().equals(start.id()))
									|| stored.handled().stream().anyMatch((e) -> e.id().equals(start.id())));
					if (!durable) {
						this.world.violations.add("play of " + start.filename() + " before its commit");
					}
					if (!this.world.publishedStarts.add(start.id()) && !joined.contains(each.streamer())) {
						this.world.violations.add("play of " + start.filename() + " (START " + start.id()
								+ ") published twice");
					}
					this.world.receipts.put(start.radioUuid(), PlayReceipt.of(start));
				}
				this.world.deliver(each.streamer(), each.message());
			}
			if (afterAnnounced != null) {
				afterAnnounced.run();
			}
			if (afterPublish != null) {
				afterPublish.run();
			}
		}

		@Override
		public Map<String, PlayReceipt> playReceipts() {
			return Map.copyOf(this.world.receipts);
		}

	}

}
