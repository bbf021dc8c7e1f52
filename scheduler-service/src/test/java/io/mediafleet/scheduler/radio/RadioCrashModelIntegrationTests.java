package io.mediafleet.scheduler.radio;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.mediafleet.schema.radio.Play;
import io.mediafleet.schema.radio.PlayRadio;
import io.mediafleet.schema.radio.SchedulerMessage;
import io.mediafleet.scheduler.TestMongoClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.mediafleet.scheduler.SchedulerProperties;
import io.mediafleet.scheduler.radio.RadioProgrammeIntegrationTests.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model test of the radio programme across crashes: random runs (seeded, so a failure replays) of clock ticks,
 * SIGKILL-like crashes (the programme and store dropped without a word, a new pair reading the same MongoDB and
 * the same receipts) and clean stops, with random down times shorter than the announce horizon minus the lead
 * time. The real {@link RadioProgramme} and {@link RadioHandler} run through their ports: persistence is the real
 * MongoDB adapter {@link RadioStore} on a real MongoDB, the outbound port an in-memory {@link RadioOutbound};
 * the model is what one listener of the master streamer should hear: the playlist a-f round and round, every track
 * once, each starting where the previous one ends. Checked on every run:
 * <ul>
 * <li>no {@code play} leaves before the START it announces is in MongoDB;</li>
 * <li>no {@code play} is sent twice and no track is skipped;</li>
 * <li>no gap and no overlap between consecutive tracks (the outage is within the horizon).</li>
 * </ul>
 */
class RadioCrashModelIntegrationTests {

	private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");

	private static final Map<String, String> SETTINGS = Map.of("mediafleet.scheduler.radio.announce-horizon", "20s",
			"mediafleet.scheduler.radio.play-lead-time", "5s", "mediafleet.scheduler.radio.prepare-ahead", "2s");

	private static final List<String> ORDER = List.of("a.mp3", "b.mp3", "c.mp3", "d.mp3", "e.mp3", "f.mp3");

	@RegisterExtension
	static final TestMongoClient mongoClient = new TestMongoClient();

	private MongoTemplate mongo;

	private final MutableClock clock = new MutableClock(T0);

	/** What the master streamer was sent: file and start time (arrival + delay). */
	private final List<Map.Entry<String, Instant>> heard = new ArrayList<>();

	/** The Redis receipts hash: outlives every scheduler. */
	private final Map<String, PlayReceipt> receipts = new HashMap<>();

	private final List<String> violations = new ArrayList<>();

	/** Plays queued in the outbox of the running scheduler, published at its next flush (lost with a crash). */
	private final List<Map.Entry<Play, RadioEvent>> queued = new ArrayList<>();

	private RadioStore store;

	private RadioProgramme programme;

	private RadioHandler handler;

	private RadioWriteBehind writer;

	@AfterEach
	void stopWriter() {
		if (this.writer != null) {
			this.writer.stop(Duration.ofSeconds(5));
		}
	}

	private void startScheduler() {
		SchedulerProperties.Radio settings = new Binder(new MapConfigurationPropertySource(SETTINGS))
			.bindOrCreate("mediafleet.scheduler", Bindable.of(SchedulerProperties.class))
			.radio();
		RadioMetrics metrics = new RadioMetrics(new SimpleMeterRegistry());
		// The outbound port in memory: only the plays matter here, published at flush with their receipts.
		RadioOutbound outbox = new RadioOutbound() {
			@Override
			public void send(String streamer, SchedulerMessage message) {
			}

			@Override
			public void sendUnordered(String streamer, SchedulerMessage message) {
			}

			@Override
			public void sendAnnounced(String streamer, SchedulerMessage message) {
			}

			@Override
			public void sendPlay(String streamer, Play play, RadioEvent start, boolean written) {
				RadioCrashModelIntegrationTests.this.queued.add(Map.entry(play, start));
			}

			@Override
			public void flush(Runnable afterPublish, Runnable afterAnnounced) {
				// Published now, each play with its receipt (one Redis script): it must announce a durable START.
				for (Map.Entry<Play, RadioEvent> each : RadioCrashModelIntegrationTests.this.queued) {
					Play play = each.getKey();
					RadioEvent start = each.getValue();
					StoredRadio stored = RadioStore.read(RadioCrashModelIntegrationTests.this.mongo, start.radioUuid());
					boolean durable = stored.pending().stream().anyMatch((e) -> e.id().equals(start.id()))
							|| stored.handled().stream().anyMatch((e) -> e.id().equals(start.id()));
					if (!durable) {
						RadioCrashModelIntegrationTests.this.violations.add("play of " + start.filename() + " before its commit");
					}
					Instant at = RadioCrashModelIntegrationTests.this.clock.instant();
					RadioCrashModelIntegrationTests.this.heard
						.add(Map.entry(play.filename(), at.plusMillis(Math.round(play.delaySeconds() * 1000))));
					RadioCrashModelIntegrationTests.this.receipts.put(start.radioUuid(), PlayReceipt.of(start));
				}
				RadioCrashModelIntegrationTests.this.queued.clear();
			}

			@Override
			public Map<String, PlayReceipt> playReceipts() {
				return Map.copyOf(RadioCrashModelIntegrationTests.this.receipts);
			}
		};
		if (this.writer != null) {
			this.writer.stop(Duration.ofSeconds(5));
		}
		this.writer = new RadioWriteBehind(this.mongo, metrics, 1000, 100);
		this.writer.start();
		this.store = RadioStore.committingAtOnce(this.mongo, this.writer);
		this.store.load();
		this.programme = new RadioProgramme(this.store, outbox, metrics::schedulingLag, this.clock, settings,
				new Random(7), (due) -> {
				});
		this.handler = new RadioHandler(this.store, new ListenerSessions(this.store),
				new StreamerRegistry(this.store), outbox, this.programme, this.clock, null,
				new io.mediafleet.scheduler.listen.ListenDirectory(Duration.ofSeconds(3)));
		this.programme.recover();
		this.store.commit();
	}

	/** Runs the loop at {@code now} until nothing more is due, as the real loop does when it wakes itself. */
	private void settleAt(Instant now) {
		for (int i = 0; i < 200; i++) {
			Instant due = this.programme.nextDue().filter((at) -> !at.isAfter(now)).orElse(null);
			if (due == null) {
				break;
			}
			// The real loop wakes at each due time, not later.
			this.clock.set(due.isAfter(this.clock.instant()) ? due : this.clock.instant());
			this.programme.runDue();
		}
		this.clock.set(now);
	}

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 1, 2, 3, 4, 5, 6 })
	void crashesAndCleanStopsWithinTheHorizonNeitherRepeatNorSkipNorGap(long seed) {
		Random random = new Random(seed);
		this.mongo = mongoClient.freshTemplate("radio-model-" + seed);
		for (String file : ORDER) {
			String id = file.substring(0, 1);
			this.mongo.save(new Song(id, file, 4, null, null));
		}
		this.mongo.save(new Playlist("default", "d", List.of("a", "b", "c", "d", "e", "f"), false));
		this.mongo.save(new Radio("r1", "R1", "default"));
		startScheduler();
		this.handler.handle(new PlayRadio("paris-1", "r1"));
		this.store.commit();
		settleAt(T0);
		Instant now = T0;
		StringBuilder steps = new StringBuilder();
		for (int step = 0; step < 25; step++) {
			int what = random.nextInt(10);
			if (what < 7) {
				now = now.plusMillis(100 + random.nextInt(3000));
				steps.append(" tick->").append(Duration.between(T0, now).toMillis());
				settleAt(now);
			}
			else {
				if (what == 9) {
					// A clean stop: the plays committed ahead are withdrawn first.
					this.programme.withdrawArmedPlays();
					this.store.commit();
					steps.append(" stop");
				}
				else {
					steps.append(" crash");
				}
				this.queued.clear();
				// Down for up to 14 s (the horizon, 20 s, minus the lead time, 5 s, minus a margin).
				now = now.plusMillis(random.nextInt(14_000));
				steps.append("->").append(Duration.between(T0, now).toMillis());
				this.clock.set(now);
				startScheduler();
				settleAt(now);
			}
		}
		String run = "seed " + seed + ":" + steps + "; heard " + this.heard;
		assertThat(this.violations).as(run).isEmpty();
		assertThat(this.heard).as(run).hasSizeGreaterThan(6);
		for (int i = 0; i < this.heard.size(); i++) {
			assertThat(this.heard.get(i).getKey()).as("%s; track %d: none skipped, none twice", run, i)
				.isEqualTo(ORDER.get(i % ORDER.size()));
			if (i > 0) {
				assertThat(this.heard.get(i).getValue()).as("%s; track %d starts as the previous ends", run, i)
					.isEqualTo(this.heard.get(i - 1).getValue().plusSeconds(4));
			}
		}
	}

}
