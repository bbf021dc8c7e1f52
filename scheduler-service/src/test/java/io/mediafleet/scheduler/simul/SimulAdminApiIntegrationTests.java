package io.mediafleet.scheduler.simul;

import java.nio.file.Path;
import java.time.Duration;

import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.awaitility.Awaitility.await;

/**
 * The booted scheduler binds the simul buses (free ports in tests) with CURVE keys from its settings and serves the
 * simul operations over REST to an agent whose key it lists.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.admin.token=s3cret-test-token",
				"mediafleet.scheduler.simul.curve.secret-key=" + SimulTestKeys.MASTER_SECRET,
				"mediafleet.scheduler.simul.curve.slave-keys=" + SimulTestKeys.SLAVE_PUBLIC })
@AutoConfigureRestTestClient
@AutoConfigureMetrics
@WithRedis
@WithMongoDb
class SimulAdminApiIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final String AUTH = "Bearer s3cret-test-token";

	@Autowired
	private RestTestClient client;

	@Autowired
	private SimulMasterLifecycle lifecycle;

	@TempDir
	Path temp;

	private io.mediafleet.player.simul.SimulSlave agent;

	@BeforeEach
	void connectAnAgent() throws Exception {
		Path media = java.nio.file.Files.createDirectories(this.temp.resolve("media"));
		java.nio.file.Files.writeString(media.resolve("clip.mp3"), "not really audio, but a file with an md5");
		this.agent = io.mediafleet.player.simul.SimulSlave.start(
				new io.mediafleet.player.simul.SimulSlave.Settings("rest-den", "127.0.0.1", this.lifecycle.advisePort(),
						this.lifecycle.commandPort(), Duration.ofMillis(200), Duration.ofSeconds(60),
						SimulTestKeys.listedSlave()),
				new io.mediafleet.player.library.MediaLibrary(media, 10),
				new io.mediafleet.player.playback.Player(java.util.List.of(Programs.require("sleep"), "30"), false),
				new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), java.time.InstantSource.system());
	}

	@AfterEach
	void closeAgent() {
		this.agent.close();
	}

	@Test
	void simulRunsThroughTheRestApi() {
		await().atMost(PATIENCE).until(() -> this.client.get().uri("/api/admin/simul/slaves").header("Authorization", AUTH)
			.exchange().returnResult(String.class).getResponseBody().contains("rest-den"));

		this.client.post().uri("/api/admin/simul/file").header("Authorization", AUTH)
			.contentType(MediaType.APPLICATION_JSON).body("{\"filename\":\"clip.mp3\",\"late\":\"abort\"}")
			.exchange().expectStatus().isAccepted()
			.expectBody().jsonPath("$.filename").isEqualTo("clip.mp3").jsonPath("$.latePolicy").isEqualTo("abort");
		await().atMost(PATIENCE).until(() -> this.client.get().uri("/api/admin/simul").header("Authorization", AUTH)
			.exchange().returnResult(String.class).getResponseBody().contains("\"state\":\"READY\""));

		this.client.post().uri("/api/admin/simul/start").header("Authorization", AUTH)
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.at").exists();
		await().atMost(PATIENCE).until(() -> this.client.get().uri("/api/admin/simul").header("Authorization", AUTH)
			.exchange().returnResult(String.class).getResponseBody().contains("\"state\":\"PLAYING\""));

		// Group transport: planned at an instant ahead, the position computed by the master.
		this.client.post().uri("/api/admin/simul/pause").header("Authorization", AUTH)
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.command").isEqualTo("simul-pause")
			.jsonPath("$.at").exists().jsonPath("$.positionMs").exists();
		this.client.post().uri("/api/admin/simul/pause").header("Authorization", AUTH)
			.exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.error")
			.isEqualTo("the simul is already paused: use resume");
		this.client.post().uri("/api/admin/simul/seek").header("Authorization", AUTH)
			.contentType(MediaType.APPLICATION_JSON).body("{\"position\":\"0:05\"}")
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.positionMs").isEqualTo(5000);
		this.client.post().uri("/api/admin/simul/seek").header("Authorization", AUTH)
			.contentType(MediaType.APPLICATION_JSON).body("{\"position\":\"1:99\"}")
			.exchange().expectStatus().isBadRequest();
		this.client.post().uri("/api/admin/simul/seek").header("Authorization", AUTH)
			.contentType(MediaType.APPLICATION_JSON).body("{\"positionMs\":-1}")
			.exchange().expectStatus().isBadRequest();
		this.client.get().uri("/api/admin/simul/sync").header("Authorization", AUTH)
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.paused").isEqualTo(true)
			.jsonPath("$.positionMs").isEqualTo(5000);
		this.client.post().uri("/api/admin/simul/resume").header("Authorization", AUTH)
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.positionMs").isEqualTo(5000);

		this.client.post().uri("/api/admin/simul/stop").header("Authorization", AUTH)
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("STOPPED");
		String scrape = this.client.get().uri("/actuator/prometheus").exchange().returnResult(String.class)
			.getResponseBody();
		org.assertj.core.api.Assertions.assertThat(scrape)
			.containsPattern("mediafleet_simul_commands_total\\{.*command=\"simul-start\".*source=\"rest\".*\\} 1.0")
			.containsPattern("mediafleet_simul_slaves_live\\{.*\\} 1.0");
	}

	@Test
	void badRequestsAndMissingTokensAreRefused() {
		this.client.get().uri("/api/admin/simul").exchange().expectStatus().isUnauthorized();
		this.client.get().uri("/api/admin/simul").header("Authorization", "Bearer wrong").exchange().expectStatus()
			.isUnauthorized();
		this.client.post().uri("/api/admin/simul/file").header("Authorization", AUTH)
			.contentType(MediaType.APPLICATION_JSON).body("{}")
			.exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error").isEqualTo("missing required field 'filename'");
		this.client.post().uri("/api/admin/simul/file").header("Authorization", AUTH)
			.contentType(MediaType.APPLICATION_JSON).body("{\"filename\":\"a\\u0001b\"}")
			.exchange().expectStatus().isBadRequest();
		this.client.post().uri("/api/admin/simul/file").header("Authorization", AUTH)
			.contentType(MediaType.APPLICATION_JSON).body("{\"filename\":\"clip.mp3\",\"late\":\"never\"}")
			.exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error").isEqualTo("unknown late policy 'never': use wait, start-without or abort");
		this.client.post().uri("/api/admin/simul/file").header("Authorization", AUTH)
			.contentType(MediaType.APPLICATION_JSON).body("{\"filename\":\"other.mp3\",\"dest\":\"rest-den\"}")
			.exchange().expectStatus().isEqualTo(409);
	}

}
