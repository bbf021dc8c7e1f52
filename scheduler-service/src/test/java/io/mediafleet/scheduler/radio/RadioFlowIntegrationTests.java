package io.mediafleet.scheduler.radio;

import java.time.Duration;
import java.time.Instant;

import io.mediafleet.testsupport.TestRedis;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(properties = { "mediafleet.scheduler.radio.channel-prefix=flow.",
		"mediafleet.scheduler.radio.ping-interval=1h", "mediafleet.scheduler.radio.play-lead-time=300ms",
		"mediafleet.scheduler.radio.master-url-template=http://{streamer}:8000/{radio_uuid}",
		"mediafleet.scheduler.burn.port=0", "mediafleet.scheduler.simul.advise-port=0",
		"mediafleet.scheduler.simul.command-port=0" })
@WithRedis
@WithMongoDb(database = "radio-flow")
class RadioFlowIntegrationTests {

	private static final String PREFIX = "flow.";

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private MeterRegistry registry;

	@BeforeAll
	static void seed(@Autowired MongoTemplate mongo) {
		RadioSeed.radio(mongo, "flow-radio", 60);
		RadioSeed.radio(mongo, "shared-radio", 60);
		RadioSeed.radio(mongo, "failover-radio", 60);
		mongo.save(new User("1742", "jerome", Sha256.hex("secret-key"), true));
		mongo.save(new UserToken(Sha256.hex("token-1742"), "1742", Instant.now()));
	}

	@Test
	void streamerGoesThroughTheWholeProtocolAndSeesTheExactJson() throws Exception {
		try (RawStreamer streamer = new RawStreamer(TestRedis.url(), PREFIX, "flow-1", true)) {
			streamer.publish("{\"type\":\"register_streamer\",\"streamer\":\"flow-1\"}");
			streamer.publish("{\"type\":\"play_radio\",\"streamer\":\"flow-1\",\"radio_uuid\":\"flow-radio\"}");
			assertThat(streamer.next()).isEqualTo("{\"type\":\"radio_started\",\"radio_uuid\":\"flow-radio\"}");
			assertThat(streamer.next()).isEqualTo("{\"type\":\"play\",\"radio_uuid\":\"flow-radio\","
					+ "\"filename\":\"flow-radio-a.mp3\",\"delay\":0.3,\"offset\":0.0,\"crossfade_duration\":0.0}");

			streamer.publish("{\"type\":\"register_listener\",\"radio_uuid\":\"flow-radio\","
					+ "\"session_id\":\"s-1\",\"user_id\":1742}");
			await().untilAsserted(() -> assertThat(this.mongo.findById("s-1", ListenerSession.class)).isNotNull()
				.satisfies((session) -> {
					assertThat(session.open()).isTrue();
					assertThat(session.userId()).isEqualTo("1742");
					assertThat(session.streamer()).isEqualTo("flow-1");
				}));
			streamer.publish("{\"type\":\"unregister_listener\",\"session_id\":\"s-1\",\"streamer\":\"flow-1\","
					+ "\"radio_uuid\":\"flow-radio\",\"user_id\":1742}");
			await().untilAsserted(() -> assertThat(this.mongo.findById("s-1", ListenerSession.class))
				.satisfies((session) -> {
					assertThat(session.open()).isFalse();
					assertThat(session.endedAt()).isNotNull();
					assertThat(session.durationSeconds()).isNotNull().isGreaterThanOrEqualTo(0.0);
				}));

			streamer.publish("{\"type\":\"stop_radio\",\"streamer\":\"flow-1\",\"radio_uuid\":\"flow-radio\"}");
			assertThat(streamer.next()).isEqualTo("{\"type\":\"radio_stopped\",\"radio_uuid\":\"flow-radio\"}");
			assertThat(this.mongo.findById("flow-radio", RadioState.class)).isNull();

			streamer.publish("{\"type\":\"stop_radio\",\"streamer\":\"flow-1\",\"radio_uuid\":\"flow-radio\"}");
			streamer.publish("{\"type\":\"test\",\"streamer\":\"flow-1\",\"info\":\"after stop\"}");
			assertThat(streamer.next()).as("no radio_stopped for a radio that is not programmed")
				.isEqualTo("{\"type\":\"test\",\"info\":\"after stop\"}");
		}
	}

	@Test
	void unknownRadioIsAnsweredRadioUnknown() throws Exception {
		try (RawStreamer streamer = new RawStreamer(TestRedis.url(), PREFIX, "flow-2", true)) {
			streamer.publish("{\"type\":\"play_radio\",\"streamer\":\"flow-2\",\"radio_uuid\":\"no-such-radio\"}");
			assertThat(streamer.next()).isEqualTo("{\"type\":\"radio_unknown\",\"radio_uuid\":\"no-such-radio\"}");
		}
	}

	@Test
	void secondStreamerGetsRadioExistsWithTheMasterUrlAndListenersOfUnmasteredRadiosAreIgnored() throws Exception {
		try (RawStreamer master = new RawStreamer(TestRedis.url(), PREFIX, "master-1", true);
				RawStreamer relay = new RawStreamer(TestRedis.url(), PREFIX, "relay-1", true)) {
			master.publish("{\"type\":\"register_streamer\",\"streamer\":\"master-1\"}");
			master.publish("{\"type\":\"play_radio\",\"streamer\":\"master-1\",\"radio_uuid\":\"shared-radio\"}");
			assertThat(master.next()).isEqualTo("{\"type\":\"radio_started\",\"radio_uuid\":\"shared-radio\"}");
			assertThat(master.next()).startsWith("{\"type\":\"play\",\"radio_uuid\":\"shared-radio\"");
			relay.publish("{\"type\":\"play_radio\",\"streamer\":\"relay-1\",\"radio_uuid\":\"shared-radio\"}");
			assertThat(relay.next()).isEqualTo("{\"type\":\"radio_exists\",\"radio_uuid\":\"shared-radio\","
					+ "\"master_streamer\":\"master-1\",\"master_url\":\"http://master-1:8000/shared-radio\"}");
			relay.publish("{\"type\":\"register_listener\",\"radio_uuid\":\"flow-radio\",\"session_id\":\"s-ignored\","
					+ "\"user_id\":null}");
			relay.publish("{\"type\":\"test\",\"streamer\":\"relay-1\",\"info\":\"sync\"}");
			assertThat(relay.next()).isEqualTo("{\"type\":\"test\",\"info\":\"sync\"}");
			assertThat(this.mongo.findById("s-ignored", ListenerSession.class)).isNull();
			master.publish("{\"type\":\"stop_radio\",\"streamer\":\"master-1\",\"radio_uuid\":\"shared-radio\"}");
			assertThat(master.next()).isEqualTo("{\"type\":\"radio_stopped\",\"radio_uuid\":\"shared-radio\"}");
		}
	}

	@Test
	void aMasterWhoseLoadReportsStoppedWhileTheAskersGoOnIsLostAndTheAskerMastersTheRadio() throws Exception {
		try (RawStreamer master = new RawStreamer(TestRedis.url(), PREFIX, "silent-1", true);
				RawStreamer other = new RawStreamer(TestRedis.url(), PREFIX, "other-1", true)) {
			master.publish("{\"type\":\"register_streamer\",\"streamer\":\"silent-1\"}");
			other.publish("{\"type\":\"register_streamer\",\"streamer\":\"other-1\"}");
			master.publish(loadReport("silent-1"));
			master.publish("{\"type\":\"play_radio\",\"streamer\":\"silent-1\",\"radio_uuid\":\"failover-radio\"}");
			assertThat(master.next()).isEqualTo("{\"type\":\"radio_started\",\"radio_uuid\":\"failover-radio\"}");
			other.publish(loadReport("other-1"));
			other.publish("{\"type\":\"play_radio\",\"streamer\":\"other-1\",\"radio_uuid\":\"failover-radio\"}");
			assertThat(other.next()).as("the master reports: the other relays it")
				.startsWith("{\"type\":\"radio_exists\",\"radio_uuid\":\"failover-radio\",\"master_streamer\":\"silent-1\"");
			// silent-1 dies without a word (no unregister_streamer); other-1 reports on for more than stale-after (3 s)
			Instant until = Instant.now().plusMillis(4000);
			while (Instant.now().isBefore(until)) {
				other.publish(loadReport("other-1"));
				Thread.sleep(250);
			}
			other.publish("{\"type\":\"play_radio\",\"streamer\":\"other-1\",\"radio_uuid\":\"failover-radio\"}");
			assertThat(other.next()).as("the ping rules (pings every hour here) have not spoken: the reports did")
				.isEqualTo("{\"type\":\"radio_started\",\"radio_uuid\":\"failover-radio\"}");
			await().untilAsserted(() -> assertThat(this.mongo.findById("failover-radio", RadioState.class))
				.extracting(RadioState::masterStreamer)
				.isEqualTo("other-1"));
			other.publish("{\"type\":\"stop_radio\",\"streamer\":\"other-1\",\"radio_uuid\":\"failover-radio\"}");
		}
	}

	private static String loadReport(String streamer) {
		return "{\"type\":\"pong\",\"streamer\":\"" + streamer + "\",\"listeners\":0,\"listener_limit\":100,"
				+ "\"listen_url\":\"http://" + streamer + ":8001\"}";
	}

	@Test
	void usersAreAuthenticatedByTokenOrLegacyApiKey() throws Exception {
		try (RawStreamer streamer = new RawStreamer(TestRedis.url(), PREFIX, "auth-1", true)) {
			streamer.publish("{\"type\":\"user_authentication\",\"streamer\":\"auth-1\",\"auth_token\":\"token-1742\"}");
			assertThat(streamer.next()).isEqualTo(
					"{\"type\":\"user_authentication\",\"user_id\":1742,\"hd\":true,\"auth_token\":\"token-1742\"}");
			streamer.publish("{\"type\":\"user_authentication\",\"streamer\":\"auth-1\",\"username\":\"jerome\","
					+ "\"api_key\":\"secret-key\"}");
			assertThat(streamer.next()).isEqualTo("{\"type\":\"user_authentication\",\"user_id\":1742,\"hd\":true,"
					+ "\"username\":\"jerome\",\"api_key\":\"secret-key\"}");
			streamer.publish("{\"type\":\"user_authentication\",\"streamer\":\"auth-1\",\"username\":\"jerome\","
					+ "\"api_key\":\"wrong\"}");
			assertThat(streamer.next()).isEqualTo("{\"type\":\"user_authentication\",\"user_id\":null,\"hd\":false,"
					+ "\"username\":\"jerome\",\"api_key\":\"wrong\"}");
			streamer.publish("{\"type\":\"user_authentication\",\"streamer\":\"auth-1\",\"auth_token\":\"forged\"}");
			assertThat(streamer.next()).isEqualTo(
					"{\"type\":\"user_authentication\",\"user_id\":null,\"hd\":false,\"auth_token\":\"forged\"}");
		}
	}

	@Test
	void badInputIsCountedByCauseAndNeverStopsTheLoop() throws Exception {
		try (RawStreamer streamer = new RawStreamer(TestRedis.url(), PREFIX, "bad-1", true)) {
			streamer.publish("{not json");
			streamer.publish("{\"type\":\"dance\"}");
			streamer.publish("{\"type\":\"ping\"}");
			streamer.publish("{\"type\":\"pong\"}");
			streamer.publish("{\"type\":\"play_radio\",\"streamer\":\"bad-1\",\"radio_uuid\":\"../etc\"}");
			streamer.publish("{\"type\":\"test\",\"streamer\":\"bad-1\",\"info\":\"" + "x".repeat(70_000) + "\"}");
			streamer.publish("{\"type\":\"test\",\"streamer\":\"bad-1\",\"info\":\"still here\"}");
			assertThat(streamer.next()).isEqualTo("{\"type\":\"test\",\"info\":\"still here\"}");
		}
		assertThat(rejected("malformed")).isGreaterThanOrEqualTo(2);
		assertThat(rejected("unknown_type")).isGreaterThanOrEqualTo(1);
		assertThat(rejected("wrong_direction")).isGreaterThanOrEqualTo(1);
		assertThat(rejected("bad_identifier")).isGreaterThanOrEqualTo(1);
		assertThat(rejected("too_large")).isGreaterThanOrEqualTo(1);
	}

	private double rejected(String cause) {
		var counter = this.registry.find("mediafleet.radio.messages.rejected").tag("cause", cause).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
