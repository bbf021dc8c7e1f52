package io.mediafleet.scheduler.radio;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.mediafleet.schema.radio.Play;
import io.mediafleet.schema.radio.RadioChannels;
import io.mediafleet.schema.radio.SchedulerMessage;
import io.mediafleet.scheduler.TestMongoClient;
import io.mediafleet.testsupport.TestMongoDb;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.BsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import io.mediafleet.scheduler.SchedulerProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The programming rules against a real MongoDB, with a clock the test moves and an outbox that records.
 */
class RadioProgrammeIntegrationTests {

	private static final Duration LEAD = Duration.ofSeconds(5);

	@RegisterExtension
	static final TestMongoClient mongoClient = new TestMongoClient();

	private MongoTemplate mongo;

	private MutableClock clock;

	private final List<SchedulerMessage> sent = new ArrayList<>();

	private RadioProgramme programme;

	private SchedulerProperties.Radio settings;

	@BeforeEach
	void setUp() {
		this.mongo = mongoClient.freshTemplate("radio-programme");
		// Friday 2026-11-20 23:00 UTC.
		this.clock = new MutableClock(Instant.parse("2026-11-20T23:00:00Z"));
		// Each PREPARE handled at its due time (prepare-ahead 0, as before it existed): the rules here count a track as
		// one PREPARE and one START. RadioAnnounceAheadIntegrationTests covers the default, plays announced from memory.
		SchedulerProperties.Radio settings = new Binder(
				new MapConfigurationPropertySource(Map.of("mediafleet.scheduler.radio.prepare-ahead", "0s")))
			.bindOrCreate("mediafleet.scheduler", Bindable.of(SchedulerProperties.class))
			.radio();
		this.settings = settings;
		this.programme = programme(new RadioStore(this.mongo));
	}

	private RadioProgramme programme(RadioStore store) {
		RadioMetrics metrics = new RadioMetrics(new SimpleMeterRegistry());
		RadioOutbox outbox = new RadioOutbox(null, RadioChannels.DEFAULT, null, metrics) {
			@Override
			public void send(String streamer, SchedulerMessage message) {
				RadioProgrammeIntegrationTests.this.sent.add(message);
			}

			@Override
			public void sendPlay(String streamer, Play play, RadioEvent start, boolean written) {
				send(streamer, play);
			}
		};
		return new RadioProgramme(store, outbox, metrics::schedulingLag, this.clock, this.settings, new Random(42),
				(due) -> {
				});
	}

	private void randomRadioOfSixSongs() {
		songs("a", "b", "c", "d", "e", "f");
		this.mongo.save(new Playlist("default", "d", List.of("a", "b", "c", "d", "e", "f"), true));
		this.mongo.save(new Radio("r1", "R1", "default"));
		this.mongo.save(RadioState.started("r1", "paris-1", this.clock.instant()));
	}

	private void playedAgo(MongoTemplate mongo, String songId, Duration ago) {
		mongo.save(new SongPlay(SongPlay.idOf("r1", songId), "r1", songId, this.clock.instant().minus(ago)));
	}

	private void songs(String... ids) {
		for (String id : ids) {
			this.mongo.save(new Song(id, id + ".mp3", 180, null, null));
		}
	}

	private List<String> playNext(int count) {
		List<String> files = new ArrayList<>();
		this.sent.clear();
		for (int i = 0; i < count; i++) {
			this.clock.set(this.programme.nextDue().orElseThrow());
			this.programme.runDue();
		}
		for (SchedulerMessage message : this.sent) {
			files.add(((Play) message).filename());
		}
		return files;
	}

	@Test
	void prepareSendsPlayOneLeadTimeEarlyAndSchedulesStartAndNextPrepare() {
		songs("a", "b");
		this.mongo.save(new Playlist("default", "d", List.of("a", "b"), false));
		this.mongo.save(new Radio("r1", "R1", "default"));
		this.mongo.save(RadioState.started("r1", "paris-1", this.clock.instant()));
		this.programme.prepareNow("r1");
		this.programme.runDue();
		assertThat(this.sent).containsExactly(new Play("r1", "a.mp3", 5.0, 0.0, 0.0));
		Instant start = this.clock.instant().plus(LEAD);
		assertThat(this.programme.nextDue()).contains(start);
		this.clock.set(start);
		this.programme.runDue();
		RadioState state = this.mongo.findById("r1", RadioState.class);
		assertThat(state.songId()).isEqualTo("a");
		assertThat(state.playTime()).isEqualTo(start);
		assertThat(state.songEndTime()).isEqualTo(start.plusSeconds(180));
		assertThat(this.programme.nextDue()).as("next PREPARE at start + duration - lead")
			.contains(start.plusSeconds(180).minus(LEAD));
		assertThat(this.mongo.findById(SongPlay.idOf("r1", "a"), SongPlay.class).lastPlayedAt()).isEqualTo(start);
	}

	@Test
	void orderedPlaylistWrapsAroundWhenExhausted() {
		songs("a", "b", "c");
		this.mongo.save(new Playlist("default", "d", List.of("a", "b", "c"), false));
		this.mongo.save(new Radio("r1", "R1", "default"));
		this.mongo.save(RadioState.started("r1", "paris-1", this.clock.instant()));
		this.programme.prepareNow("r1");
		// Each track takes a PREPARE and a START.
		assertThat(playNext(10)).containsExactly("a.mp3", "b.mp3", "c.mp3", "a.mp3", "b.mp3");
	}

	@Test
	void showAcrossMidnightPlaysItsPlaylistThenTheDefaultOneAgain() {
		songs("d1", "n1", "n2");
		this.mongo.save(new Playlist("default", "d", List.of("d1"), false));
		this.mongo.save(new Playlist("night", "n", List.of("n1", "n2"), false));
		this.mongo.save(new Radio("r1", "R1", "default"));
		// Friday 23:30 to Saturday 00:10; the clock starts Friday 23:00 and tracks are 3 minutes.
		this.mongo.save(new Show("late", "r1", "Late", Set.of(DayOfWeek.FRIDAY), "23:30", "00:10", "night"));
		this.mongo.save(RadioState.started("r1", "paris-1", this.clock.instant()));
		this.programme.prepareNow("r1");
		List<String> files = playNext(2 * 30);
		int firstNight = files.indexOf("n1.mp3");
		assertThat(firstNight).as("the show starts at 23:30, after 10 default tracks").isEqualTo(10);
		assertThat(files.subList(10, 24)).allMatch((file) -> file.startsWith("n"));
		assertThat(files.get(24)).as("after 00:10 Saturday, the default playlist").isEqualTo("d1.mp3");
	}

	@Test
	void randomPlaylistAvoidsRecentSongsAndCyclesThroughAll() {
		songs("a", "b", "c", "d", "e", "f");
		this.mongo.save(new Playlist("default", "d", List.of("a", "b", "c", "d", "e", "f"), true));
		this.mongo.save(new Radio("r1", "R1", "default"));
		this.mongo.save(RadioState.started("r1", "paris-1", this.clock.instant()));
		this.programme.prepareNow("r1");
		List<String> files = playNext(2 * 24);
		// Six 3-minute songs are all "recent" (3 h window); each song comes back only after the five others.
		for (int i = 0; i + 6 <= files.size(); i++) {
			assertThat(files.subList(i, i + 6)).as("window at " + i).doesNotHaveDuplicates();
		}
	}

	@Test
	void aRestartedSchedulerStillAvoidsTheSongsPlayedBeforeItStarted() {
		randomRadioOfSixSongs();
		// Plays a previous run left in MongoDB: c, d and e within the 3 h window, a and b before it, f never.
		playedAgo(this.mongo, "a", Duration.ofHours(5));
		playedAgo(this.mongo, "b", Duration.ofHours(4));
		playedAgo(this.mongo, "c", Duration.ofHours(2));
		playedAgo(this.mongo, "d", Duration.ofHours(1));
		playedAgo(this.mongo, "e", Duration.ofMinutes(30));
		RadioStore restarted = new RadioStore(this.mongo);
		restarted.load();
		this.programme = programme(restarted);
		this.programme.prepareNow("r1");
		// Never played first, then the least recently played; the recent ones only once nothing else is left.
		assertThat(playNext(2 * 6)).containsExactly("f.mp3", "a.mp3", "b.mp3", "c.mp3", "d.mp3", "e.mp3");
	}

	@Test
	void aPrepareOfARandomRadioAsksMongoDbNothingAboutSongPlays() {
		List<String> songPlayCommands = new CopyOnWriteArrayList<>();
		CommandListener listener = new CommandListener() {
			@Override
			public void commandStarted(CommandStartedEvent event) {
				BsonValue target = event.getCommand().get(event.getCommandName());
				if (target != null && target.isString() && target.asString().getValue().equals(SongPlay.COLLECTION)
						&& !event.getCommandName().equals("update") && !event.getCommandName().equals("insert")) {
					songPlayCommands.add(event.getCommandName());
				}
			}
		};
		try (MongoClient listened = MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(TestMongoDb.uri()))
			.addCommandListener(listener)
			.build())) {
			MongoTemplate mongo = new MongoTemplate(listened, "radio-programme");
			randomRadioOfSixSongs();
			playedAgo(mongo, "a", Duration.ofMinutes(10));
			RadioStore store = new RadioStore(mongo);
			store.load();
			assertThat(songPlayCommands).as("one scan at start").containsExactly("find");
			this.programme = programme(store);
			this.programme.prepareNow("r1");
			List<String> files = playNext(2 * 6);
			assertThat(files).hasSize(6).doesNotHaveDuplicates().last().isEqualTo("a.mp3");
			assertThat(songPlayCommands).as("no read of song plays after the start").containsExactly("find");
			assertThat(mongo.count(new Query(), SongPlay.class)).as("plays still written").isEqualTo(6);
		}
	}

	@Test
	void emptyPlaylistRetriesLaterInsteadOfPlayingNothingForever() {
		this.mongo.save(new Playlist("default", "d", List.of(), false));
		this.mongo.save(new Radio("r1", "R1", "default"));
		this.mongo.save(RadioState.started("r1", "paris-1", this.clock.instant()));
		this.programme.prepareNow("r1");
		Instant before = this.clock.instant();
		this.programme.runDue();
		assertThat(this.sent).isEmpty();
		assertThat(this.programme.nextDue()).contains(before.plus(RadioProgramme.RETRY_WHEN_SILENT));
	}

	@Test
	void aBurstOfDueEventsIsHandledOneBatchPerCallOldestFirst() {
		songs("a");
		this.mongo.save(new Playlist("default", "d", List.of("a"), false));
		int radios = 2 * RadioProgramme.DUE_BATCH + 44;
		for (int i = 0; i < radios; i++) {
			this.mongo.save(new Radio("r" + i, "R" + i, "default"));
			this.mongo.save(RadioState.started("r" + i, "paris-1", this.clock.instant()));
			this.programme.prepareNow("r" + i);
		}
		// Each call is one loop task: the loop reads received messages between two of them.
		assertThat(this.programme.runDueBatch()).isEqualTo(RadioProgramme.DUE_BATCH);
		assertThat(this.sent).hasSize(RadioProgramme.DUE_BATCH);
		assertThat(this.programme.runDueBatch()).isEqualTo(RadioProgramme.DUE_BATCH);
		assertThat(this.programme.runDueBatch()).as("the rest of the burst").isEqualTo(44);
		assertThat(this.sent).hasSize(radios);
		assertThat(this.programme.runDueBatch()).as("nothing due any more").isZero();
		assertThat(this.sent).hasSize(radios);
	}

	/** A clock the test sets. */
	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void set(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
