package io.mediafleet.tracker.tracker;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A client written only from the byte layout in {@code docs/protocols/tsp.md}: plain {@link DataOutputStream} and
 * {@link DataInputStream}, no project classes. The document is the contract.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.tracker.tsp.port=0", "mediafleet.tracker.tsp.broadcast-window=10ms",
				"mediafleet.tracker.admin.token=test-admin-token", "mediafleet.tracker.peers.token=test-peer-token" })
@AutoConfigureRestTestClient
@AutoConfigureMetrics
class TrackerRawBytesIntegrationTests {

	private static final String MD5 = "0f343b0931126a20f133d67c2b018a3b";

	@Autowired
	private TspServer server;

	@Test
	void peerJoinsBrowsesAndLeavesExactlyAsTheDocumentSays() throws IOException {
		try (Socket socket = connect()) {
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			DataInputStream in = new DataInputStream(socket.getInputStream());
			String init = "TOKEN\ttest-peer-token\nPEER\t127.0.0.1:7001\n" + MD5 + "\t7340032\t431.2\tLet It Be\tThe Beatles\tlet_it_be.mp3\n"
					+ "Hey Jude, The Beatles > hey_jude.mp3\n";
			RawFrame.send(out, 0, -1, init);

			RawFrame broadcast = RawFrame.read(in);
			assertThat(broadcast.type()).isEqualTo(7);
			assertThat(broadcast.songId()).isEqualTo(-1);
			String[] lines = broadcast.text().split("\n");
			assertThat(lines).hasSize(2);
			assertThat(lines[0]).endsWith("\t" + MD5 + "\t7340032\t431.2\tLet It Be\tThe Beatles\tlet_it_be.mp3\t127.0.0.1:7001");
			assertThat(lines[1]).endsWith("\t-\t-\t-\tHey Jude\tThe Beatles\they_jude.mp3\t127.0.0.1:7001");
			int letItBe = Integer.parseInt(lines[0].substring(0, lines[0].indexOf('\t')));
			assertThat(letItBe).isPositive();

			RawFrame.send(out, 1, -1, "");
			RawFrame list = RawFrame.read(in);
			assertThat(list.type()).isEqualTo(1);
			assertThat(list.songId()).isEqualTo(-1);
			assertThat(list.text()).isEqualTo(broadcast.text());

			RawFrame.send(out, 2, letItBe, "");
			RawFrame info = RawFrame.read(in);
			assertThat(info.type()).isEqualTo(2);
			assertThat(info.songId()).isEqualTo(letItBe);
			assertThat(info.text()).isEqualTo(lines[0] + "\n");

			RawFrame.send(out, 2, -1, "");
			assertThat(RawFrame.read(in).text()).isEqualTo(list.text());
			RawFrame.send(out, 2, 0, "");
			assertThat(RawFrame.read(in).text()).isEqualTo(list.text());

			RawFrame.send(out, 2, 99, "");
			RawFrame unknown = RawFrame.read(in);
			assertThat(unknown.type()).isEqualTo(6);
			assertThat(unknown.songId()).isEqualTo(99);
			assertThat(unknown.text()).isEqualTo("no song with id 99");

			out.write(new byte[] { 5, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff });
			out.flush();
			assertThatThrownBy(() -> RawFrame.read(in)).isInstanceOf(EOFException.class);
		}
		// The server forgets the peer after it closed the socket, on its own thread: ask again until it has.
		try (Socket other = connect()) {
			DataOutputStream out = new DataOutputStream(other.getOutputStream());
			DataInputStream in = new DataInputStream(other.getInputStream());
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				RawFrame.send(out, 1, -1, "");
				RawFrame list = RawFrame.read(in);
				assertThat(list.type()).isEqualTo(1);
				assertThat(list.text()).doesNotContain("127.0.0.1:7001");
			});
		}
	}

	@Test
	void malformedInitIsAnsweredWithErrorNamingTheLineAndTheConnectionStaysUsable() throws IOException {
		try (Socket socket = connect()) {
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			DataInputStream in = new DataInputStream(socket.getInputStream());
			RawFrame.send(out, 0, -1, "TOKEN\ttest-peer-token\nPEER\t127.0.0.1:7002\nA, B > a.mp3\nno arrow here\n");
			RawFrame error = RawFrame.read(in);
			assertThat(error.type()).isEqualTo(6);
			assertThat(error.songId()).isEqualTo(-1);
			assertThat(error.text()).startsWith("INIT line 4:");

			RawFrame.send(out, 1, -1, "");
			RawFrame list = RawFrame.read(in);
			assertThat(list.type()).isEqualTo(1);
			assertThat(list.text()).doesNotContain("a.mp3");
		}
	}

	@Test
	void initWithoutATokenIsRefusedWithErrorAndTheConnectionStillAnswersList() throws IOException {
		try (Socket socket = connect()) {
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			DataInputStream in = new DataInputStream(socket.getInputStream());
			// exactly what a seed peer sends: no PEER line, no TOKEN line
			RawFrame.send(out, 0, -1, "Sneaky Song, Nobody > sneaky.mp3\n");
			RawFrame error = RawFrame.read(in);
			assertThat(error.type()).isEqualTo(6);
			assertThat(error.songId()).isEqualTo(-1);
			assertThat(error.text()).startsWith("INIT refused: a TOKEN line with the tracker's peer token is required")
				.contains("127.0.0.1 is not in them");

			RawFrame.send(out, 1, -1, "");
			RawFrame list = RawFrame.read(in);
			assertThat(list.type()).isEqualTo(1);
			assertThat(list.text()).doesNotContain("sneaky.mp3");
		}
	}

	@Test
	void initWithAWrongTokenIsRefusedAndChangesNothing() throws IOException {
		try (Socket socket = connect()) {
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			DataInputStream in = new DataInputStream(socket.getInputStream());
			RawFrame.send(out, 0, -1, "TOKEN\ttest-peer-tokeN\nPEER\t127.0.0.1:7003\nWrong Key, Nobody > wrong-key.mp3\n");
			RawFrame error = RawFrame.read(in);
			assertThat(error.type()).isEqualTo(6);
			assertThat(error.text()).isEqualTo("INIT refused: wrong TOKEN");

			RawFrame.send(out, 2, -1, "");
			RawFrame info = RawFrame.read(in);
			assertThat(info.type()).isEqualTo(2);
			assertThat(info.text()).doesNotContain("wrong-key.mp3");
		}
	}

	@Test
	void initWithTheTokenAfterThePeerLineIsAnsweredByTheCatalogue() throws IOException {
		try (Socket socket = connect()) {
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			DataInputStream in = new DataInputStream(socket.getInputStream());
			RawFrame.send(out, 0, -1, "PEER\t10.20.30.40:7004\nTOKEN\ttest-peer-token\nAdmitted, Somebody > admitted.mp3\n");
			RawFrame broadcast = RawFrame.read(in);
			assertThat(broadcast.type()).isEqualTo(7);
			// a peer with the token may announce an address other than its source (NAT, a Service name)
			assertThat(broadcast.text()).contains("\tadmitted.mp3\t10.20.30.40:7004");
		}
	}

	@Test
	void unknownTypeByteIsAnsweredWithErrorAndTheConnectionClosed() throws IOException {
		try (Socket socket = connect()) {
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			DataInputStream in = new DataInputStream(socket.getInputStream());
			out.write(new byte[] { 9, 0, 0, 0, 1 });
			out.flush();
			RawFrame error = RawFrame.read(in);
			assertThat(error.type()).isEqualTo(6);
			assertThat(error.text()).contains("unknown frame type 0x09");
			assertThatThrownBy(() -> RawFrame.read(in)).isInstanceOf(EOFException.class);
		}
	}

	@Test
	void payloadLongerThanTheLimitIsAnsweredWithErrorAndTheConnectionClosed() throws IOException {
		try (Socket socket = connect()) {
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			DataInputStream in = new DataInputStream(socket.getInputStream());
			out.writeByte(0);
			out.writeInt(-1);
			out.writeInt(64 * 1024 * 1024);
			out.flush();
			RawFrame error = RawFrame.read(in);
			assertThat(error.type()).isEqualTo(6);
			assertThat(error.text()).contains("more than 1048576");
			assertThatThrownBy(() -> RawFrame.read(in)).isInstanceOf(EOFException.class);
		}
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket("127.0.0.1", this.server.port());
		socket.setSoTimeout(10_000);
		return socket;
	}




}
