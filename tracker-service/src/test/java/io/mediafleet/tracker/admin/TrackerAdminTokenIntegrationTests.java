package io.mediafleet.tracker.admin;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;

import io.mediafleet.tracker.tracker.TspServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code mediafleet.tracker.admin.token} set, every {@code /admin/tracker/*} request needs the bearer token;
 * the actuator stays open.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.tracker.tsp.port=0", "mediafleet.tracker.admin.token=s3cret-tracker-token",
				"mediafleet.tracker.peers.token=s3cret-peer-token" })
@AutoConfigureRestTestClient
class TrackerAdminTokenIntegrationTests {

	private static final String TOKEN = "s3cret-tracker-token";

	@Autowired
	private RestTestClient client;

	@Autowired
	private TspServer server;

	@LocalServerPort
	private int httpPort;

	@Test
	void readingSongsWithoutATokenIsUnauthorizedAndNamesTheScheme() {
		this.client.get().uri("/admin/tracker/songs").exchange().expectStatus().isUnauthorized()
			.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"mediafleet-tracker-admin\"");
		this.client.get().uri("/admin/tracker/peers").exchange().expectStatus().isUnauthorized();
		this.client.get().uri("/admin/tracker/songs/1").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void aWrongOrMalformedTokenIsUnauthorized() {
		this.client.get().uri("/admin/tracker/songs").header(HttpHeaders.AUTHORIZATION, "Bearer wrong").exchange()
			.expectStatus().isUnauthorized();
		this.client.get().uri("/admin/tracker/songs").header(HttpHeaders.AUTHORIZATION, TOKEN).exchange()
			.expectStatus().isUnauthorized();
		this.client.get().uri("/admin/tracker/songs").header(HttpHeaders.AUTHORIZATION, "Basic " + TOKEN).exchange()
			.expectStatus().isUnauthorized();
		this.client.get().uri("/admin/tracker/songs").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN + "x")
			.exchange().expectStatus().isUnauthorized();
	}

	@Test
	void pathVariantsDoNotSlipPastTheToken() throws IOException {
		// sent as raw request lines so no client library normalises them first
		for (String path : List.of("/admin/tracker/songs", "/admin/tracker/songs/", "//admin/tracker/songs",
				"/admin/tracker/./songs", "/admin/x/../tracker/songs", "/admin/tracker;x=y/songs", "/admin/tracker/songs;a=b",
				"/admin//tracker/peers", "/admin/tracker/%70eers", "/admin/tracker/peers/1")) {
			assertThat(rawStatus(path)).as(path).isIn(400, 401, 404);
		}
	}

	private int rawStatus(String path) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.httpPort)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
			return Integer.parseInt(status.substring(9, 12));
		}
	}

	@Test
	void kickingAPeerWithoutTheTokenIsRefusedAndThePeerStays() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
			socket.setSoTimeout(10_000);
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			byte[] init = "TOKEN\ts3cret-peer-token\nPEER\t127.0.0.1:7555\nToken Song, Tester > token-song.mp3\n".getBytes(StandardCharsets.UTF_8);
			out.writeByte(0);
			out.writeInt(-1);
			out.writeInt(init.length);
			out.write(init);
			out.flush();
			assertThat(new DataInputStream(socket.getInputStream()).readUnsignedByte()).isEqualTo(7);
			long id = this.server.peers().stream().filter((peer) -> peer.address().equals("127.0.0.1:7555"))
				.findFirst().orElseThrow().id();

			this.client.delete().uri("/admin/tracker/peers/{id}", id).exchange().expectStatus().isUnauthorized();
			this.client.delete().uri("/admin/tracker/peers/{id}", id).header(HttpHeaders.AUTHORIZATION, "Bearer nope")
				.exchange().expectStatus().isUnauthorized();
			assertThat(this.server.peers()).anyMatch((peer) -> peer.id() == id);

			this.client.delete().uri("/admin/tracker/peers/{id}", id).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
				.exchange().expectStatus().isNoContent();
		}
	}

	@Test
	void theRightTokenReadsSongsAndTheActuatorNeedsNone() {
		List<Map<String, Object>> songs = this.client.get().uri("/admin/tracker/songs")
			.header(HttpHeaders.AUTHORIZATION, "bearer " + TOKEN).exchange().expectStatus().isOk()
			.returnResult(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.getResponseBody();
		assertThat(songs).isNotNull();
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

}
