package io.mediafleet.scheduler.radio;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mediafleet.testsupport.TestRedis;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(properties = { "mediafleet.scheduler.radio.channel-prefix=live.",
		"mediafleet.scheduler.radio.ping-interval=200ms", "mediafleet.scheduler.radio.missed-pongs=2",
		"mediafleet.scheduler.radio.play-lead-time=200ms", "mediafleet.scheduler.burn.port=0",
		"mediafleet.scheduler.simul.advise-port=0", "mediafleet.scheduler.simul.command-port=0" })
@WithRedis
@WithMongoDb(database = "radio-liveness")
class RadioLivenessIntegrationTests {

	private static final String PREFIX = "live.";

	private static final Pattern PLAY = Pattern.compile("\\{\"type\":\"play\",\"radio_uuid\":\"live-radio\","
			+ "\"filename\":\"([^\"]+)\",\"delay\":([0-9.E-]+),\"offset\":([0-9.E-]+),\"crossfade_duration\":0\\.0}");

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private MeterRegistry registry;

	@Test
	void deadStreamerIsUnregisteredAfterTwoMissedPingsAndAnotherRejoinsMidSong() throws Exception {
		RadioSeed.radio(this.mongo, "live-radio", 600);
		String firstFile;
		try (RawStreamer dead = new RawStreamer(TestRedis.url(), PREFIX, "dead-1", false)) {
			dead.publish("{\"type\":\"register_streamer\",\"streamer\":\"dead-1\"}");
			dead.publish("{\"type\":\"play_radio\",\"streamer\":\"dead-1\",\"radio_uuid\":\"live-radio\"}");
			assertThat(dead.next()).isEqualTo("{\"type\":\"radio_started\",\"radio_uuid\":\"live-radio\"}");
			Matcher first = PLAY.matcher(dead.next());
			assertThat(first.matches()).isTrue();
			firstFile = first.group(1);
			dead.publish("{\"type\":\"register_listener\",\"radio_uuid\":\"live-radio\",\"session_id\":\"live-s1\","
					+ "\"user_id\":\"7\"}");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.mongo.findById("dead-1", Streamer.class) == null);
			// Declared dead at the second judged round that found its ping unanswered: exactly two misses counted (it
			// is the only streamer). A round whose own link probe had not come back yet (a loaded machine) judges
			// nobody but still pings, so it got two pings plus one per such round (5 seen once at load 10).
			assertThat(this.registry.get("mediafleet.radio.pings.missed").counter().count()).isEqualTo(2.0);
			assertThat(dead.pings()).isGreaterThanOrEqualTo(2);
		}
		RadioState state = this.mongo.findById("live-radio", RadioState.class);
		assertThat(state).isNotNull();
		assertThat(state.masterStreamer()).isNull();
		// Its session is held a few rounds for a re-announce that never comes, then closed.
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			ListenerSession held = this.mongo.findById("live-s1", ListenerSession.class);
			return held != null && !held.open();
		});
		ListenerSession session = this.mongo.findById("live-s1", ListenerSession.class);
		assertThat(session.userId()).isEqualTo("7");
		assertThat(session.durationSeconds()).isNotNull().isPositive();
		assertThat(this.registry.get("mediafleet.radio.pings.missed").counter().count()).isGreaterThanOrEqualTo(2);

		try (RawStreamer alive = new RawStreamer(TestRedis.url(), PREFIX, "alive-1", true)) {
			alive.publish("{\"type\":\"play_radio\",\"streamer\":\"alive-1\",\"radio_uuid\":\"live-radio\"}");
			assertThat(alive.next()).isEqualTo("{\"type\":\"radio_started\",\"radio_uuid\":\"live-radio\"}");
			Matcher rejoin = PLAY.matcher(alive.next());
			assertThat(rejoin.matches()).isTrue();
			assertThat(rejoin.group(1)).as("the song still on air").isEqualTo(firstFile);
			assertThat(Double.parseDouble(rejoin.group(2))).as("delay").isZero();
			RadioState now = this.mongo.findById("live-radio", RadioState.class);
			assertThat(now.masterStreamer()).isEqualTo("alive-1");
			double offset = Double.parseDouble(rejoin.group(3));
			assertThat(offset).as("offset = time since the song started").isPositive().isLessThan(600);
			// A live streamer survives ping rounds: it answers every ping.
			await().atMost(Duration.ofSeconds(10)).until(() -> alive.pings() >= 5);
			assertThat(this.mongo.findById("alive-1", Streamer.class)).isNotNull();
			alive.publish("{\"type\":\"stop_radio\",\"streamer\":\"alive-1\",\"radio_uuid\":\"live-radio\"}");
			assertThat(alive.next()).isEqualTo("{\"type\":\"radio_stopped\",\"radio_uuid\":\"live-radio\"}");
		}
	}

}
