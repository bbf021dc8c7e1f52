package io.mediafleet.tracker.admin;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;

import io.mediafleet.tracker.tracker.TspServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The REST admin view over a real TSP peer connection, and the tracker's meters in the Prometheus scrape. Same
 * configuration as {@code TrackerRawBytesIntegrationTests}, so both share one application context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.tracker.tsp.port=0", "mediafleet.tracker.tsp.broadcast-window=10ms",
				"mediafleet.tracker.admin.token=test-admin-token", "mediafleet.tracker.peers.token=test-peer-token" })
@AutoConfigureRestTestClient
@AutoConfigureMetrics
class TrackerAdminIntegrationTests {

	private static final String BEARER = "Bearer test-admin-token";

	@Autowired
	private RestTestClient client;

	@Autowired
	private TspServer server;

	@Test
	void songsAndPeersAreListedAndAKickedPeerLosesItsSongs() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
			socket.setSoTimeout(10_000);
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			byte[] init = "TOKEN\ttest-peer-token\nPEER\t127.0.0.1:7444\nAdmin Song, Tester > admin-song.mp3\n".getBytes(StandardCharsets.UTF_8);
			out.writeByte(0);
			out.writeInt(-1);
			out.writeInt(init.length);
			out.write(init);
			out.flush();
			DataInputStream in = new DataInputStream(socket.getInputStream());
			assertThat(in.readUnsignedByte()).isEqualTo(7);

			List<Map<String, Object>> songs = songs();
			assertThat(songs).anySatisfy((song) -> {
				assertThat(song).containsEntry("fileName", "admin-song.mp3")
					.containsEntry("title", "Admin Song")
					.containsEntry("hosts", List.of("127.0.0.1:7444"));
				assertThat(song.get("md5")).isNull();
			});
			List<Map<String, Object>> peers = this.client.get().uri("/admin/tracker/peers").header(HttpHeaders.AUTHORIZATION, BEARER).exchange().expectStatus().isOk()
				.returnResult(new ParameterizedTypeReference<List<Map<String, Object>>>() {
				})
				.getResponseBody();
			Map<String, Object> peer = peers.stream()
				.filter((candidate) -> "127.0.0.1:7444".equals(candidate.get("address")))
				.findFirst()
				.orElseThrow();
			assertThat(peer).containsEntry("songs", 1).containsEntry("remote", "127.0.0.1");

			this.client.delete().uri("/admin/tracker/peers/{id}", peer.get("id")).header(HttpHeaders.AUTHORIZATION, BEARER).exchange().expectStatus().isNoContent();
			await().atMost(Duration.ofSeconds(5))
				.until(() -> songs().stream().noneMatch((song) -> "admin-song.mp3".equals(song.get("fileName"))));
			this.client.delete().uri("/admin/tracker/peers/{id}", peer.get("id")).header(HttpHeaders.AUTHORIZATION, BEARER).exchange().expectStatus().isNotFound();
		}
		this.client.get().uri("/admin/tracker/songs/{id}", Integer.MAX_VALUE).header(HttpHeaders.AUTHORIZATION, BEARER).exchange().expectStatus().isNotFound();
		String scrape = this.client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
			.returnResult(String.class)
			.getResponseBody();
		assertThat(scrape).containsPattern("(?m)^mediafleet_tracker_errors_total\\{.*cause=\"kicked\".*\\} [1-9]")
			.containsPattern("(?m)^mediafleet_tracker_requests_total\\{.*type=\"init\".*\\} [1-9]")
			.contains("mediafleet_tracker_songs", "mediafleet_tracker_connections", "mediafleet_tracker_broadcast_fanout");
	}

	private List<Map<String, Object>> songs() {
		return this.client.get().uri("/admin/tracker/songs").header(HttpHeaders.AUTHORIZATION, BEARER).exchange().expectStatus().isOk()
			.returnResult(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.getResponseBody();
	}

}
