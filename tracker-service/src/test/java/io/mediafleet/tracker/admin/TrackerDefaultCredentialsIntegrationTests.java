package io.mediafleet.tracker.admin;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;

import io.mediafleet.tracker.tracker.TspServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tracker started with no credentials configured at all: its admin API is disabled (401 to every request, even
 * with a bearer token), and a peer without a token cannot announce.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "mediafleet.tracker.tsp.port=0")
@AutoConfigureRestTestClient
class TrackerDefaultCredentialsIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private TspServer server;

	@Test
	void theAdminApiIsDisabledAndSaysWhichSettingEnablesIt() {
		this.client.get().uri("/admin/tracker/songs").exchange().expectStatus().isUnauthorized();
		this.client.get().uri("/admin/tracker/peers").header(HttpHeaders.AUTHORIZATION, "Bearer ").exchange()
			.expectStatus().isUnauthorized();
		this.client.get().uri("/admin/tracker/songs").header(HttpHeaders.AUTHORIZATION, "Bearer anything")
			.exchange().expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.detail")
			.isEqualTo("the admin API is disabled: mediafleet.tracker.admin.token is not set");
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

	@Test
	void aPeerWithoutATokenIsRefusedByDefault() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
			socket.setSoTimeout(10_000);
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			byte[] init = "PEER\t127.0.0.1:7666\nDefault Song, Tester > default.mp3\n".getBytes(StandardCharsets.UTF_8);
			out.writeByte(0);
			out.writeInt(-1);
			out.writeInt(init.length);
			out.write(init);
			out.flush();
			DataInputStream in = new DataInputStream(socket.getInputStream());
			assertThat(in.readUnsignedByte()).isEqualTo(6);
			assertThat(in.readInt()).isEqualTo(-1);
			byte[] text = new byte[in.readInt()];
			in.readFully(text);
			assertThat(new String(text, StandardCharsets.UTF_8)).startsWith("INIT refused: a TOKEN line");
			assertThat(this.server.peers()).isEmpty();
		}
	}

}
