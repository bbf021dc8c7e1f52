package io.mediafleet.scheduler.radio;

import java.time.Duration;

import io.mediafleet.testsupport.TestRedis;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A live radio seen through the admin API and the metrics, and stopped from the admin API.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.admin.token=ops-token", "mediafleet.scheduler.radio.channel-prefix=ops.",
				"mediafleet.scheduler.radio.ping-interval=300ms", "mediafleet.scheduler.radio.play-lead-time=200ms",
				"mediafleet.scheduler.burn.port=0", "mediafleet.scheduler.simul.advise-port=0",
				"mediafleet.scheduler.simul.command-port=0" })
@AutoConfigureRestTestClient
@AutoConfigureMetrics
@WithRedis
@WithMongoDb(database = "radio-ops")
class RadioOperationsIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private MongoTemplate mongo;

	private String get(String uri) {
		return this.client.get()
			.uri(uri)
			.header(HttpHeaders.AUTHORIZATION, "Bearer ops-token")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
	}

	@Test
	void liveRadioShowsInTheAdminApiAndMetricsAndIsForceStopped() throws Exception {
		RadioSeed.radio(this.mongo, "ops-radio", 600);
		try (RawStreamer streamer = new RawStreamer(TestRedis.url(), "ops.", "ops-1", true)) {
			streamer.publish("{\"type\":\"register_streamer\",\"streamer\":\"ops-1\"}");
			streamer.publish("{\"type\":\"play_radio\",\"streamer\":\"ops-1\",\"radio_uuid\":\"ops-radio\"}");
			assertThat(streamer.next()).isEqualTo("{\"type\":\"radio_started\",\"radio_uuid\":\"ops-radio\"}");
			assertThat(streamer.next()).startsWith("{\"type\":\"play\"");
			streamer.publish("{\"type\":\"register_listener\",\"radio_uuid\":\"ops-radio\",\"session_id\":\"ops-s1\","
					+ "\"user_id\":null}");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(get("/api/admin/radios/ops-radio"))
					.contains("\"masterStreamer\":\"ops-1\"", "\"filename\":\"ops-radio-a.mp3\"", "\"listeners\":1"));
			assertThat(get("/api/admin/streamers")).contains("\"name\":\"ops-1\"");
			assertThat(get("/api/admin/sessions?radio=ops-radio")).contains("\"sessionId\":\"ops-s1\"");
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get("/actuator/prometheus"))
				.containsPattern("(?m)^mediafleet_radio_streamers_alive\\{[^}]*\\} 1\\.0$")
				.containsPattern("(?m)^mediafleet_radio_listeners_connected\\{[^}]*\\} 1\\.0$")
				.containsPattern("(?m)^mediafleet_radio_radios_playing\\{[^}]*\\} 1\\.0$")
				.containsPattern("(?m)^mediafleet_radio_messages_in_total\\{[^}]*type=\"play_radio\"[^}]*\\} 1\\.0$")
				.containsPattern("(?m)^mediafleet_radio_messages_out_total\\{[^}]*type=\"play\"")
				.containsPattern("(?m)^mediafleet_radio_messages_out_total\\{[^}]*type=\"ping\"")
				.containsPattern("(?m)^mediafleet_radio_handling_latency_seconds_count\\{[^}]*type=\"register_listener\"")
				.containsPattern("(?m)^mediafleet_radio_scheduling_lag_seconds_count\\{[^}]*\\} [1-9]"));

			this.client.post()
				.uri("/api/admin/radios/ops-radio/stop")
				.header(HttpHeaders.AUTHORIZATION, "Bearer ops-token")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.programmed").isEqualTo(false)
				.jsonPath("$.listeners").isEqualTo(0);
			assertThat(streamer.next()).isEqualTo("{\"type\":\"radio_stopped\",\"radio_uuid\":\"ops-radio\"}");
			assertThat(get("/api/admin/sessions/history?radio=ops-radio")).contains("\"sessionId\":\"ops-s1\"",
					"\"open\":false");
		}
	}

}
