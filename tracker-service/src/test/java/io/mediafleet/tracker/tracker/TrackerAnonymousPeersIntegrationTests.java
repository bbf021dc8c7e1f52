package io.mediafleet.tracker.tracker;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed-style peers (no {@code TOKEN}) from a network listed in {@code mediafleet.tracker.peers.anonymous-networks},
 * on the raw wire: admitted for their own address only; a wrong token is refused even from there.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = { "mediafleet.tracker.tsp.port=0", "mediafleet.tracker.tsp.broadcast-window=10ms",
				"mediafleet.tracker.peers.token=anon-test-peer-token",
				"mediafleet.tracker.peers.anonymous-networks=10.0.0.0/8,127.0.0.0/8" })
class TrackerAnonymousPeersIntegrationTests {

	@Autowired
	private TspServer server;

	@Test
	void aSeedPeerFromAListedNetworkIsAdmittedAtItsSourceAddressAndTheDefaultPort() throws IOException {
		try (Socket socket = connect()) {
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			DataInputStream in = new DataInputStream(socket.getInputStream());
			RawFrame.send(out, 0, -1, "Seed Song, Seed Artist > seed.mp3\n");
			RawFrame broadcast = RawFrame.read(in);
			assertThat(broadcast.type()).isEqualTo(7);
			assertThat(broadcast.text()).contains("\tSeed Song\tSeed Artist\tseed.mp3\t127.0.0.1:7071");
		}
	}

	@Test
	void anAnonymousPeerMayAnnounceItsOwnAddressWithAnotherPort() throws IOException {
		try (Socket socket = connect()) {
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			DataInputStream in = new DataInputStream(socket.getInputStream());
			RawFrame.send(out, 0, -1, "PEER\t127.0.0.1:7123\nOwn Port, Seed Artist > own-port.mp3\n");
			RawFrame broadcast = RawFrame.read(in);
			assertThat(broadcast.type()).isEqualTo(7);
			assertThat(broadcast.text()).contains("\town-port.mp3\t127.0.0.1:7123");
		}
	}

	@Test
	void anAnonymousPeerAnnouncingAnotherAddressIsRefusedAndMayStillList() throws IOException {
		try (Socket socket = connect()) {
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			DataInputStream in = new DataInputStream(socket.getInputStream());
			RawFrame.send(out, 0, -1, "PEER\t10.9.9.9:7001\nVictim, Nobody > victim.mp3\n");
			RawFrame error = RawFrame.read(in);
			assertThat(error.type()).isEqualTo(6);
			assertThat(error.text())
				.isEqualTo("INIT refused: a peer without a TOKEN may announce only its own address 127.0.0.1, not 10.9.9.9");

			RawFrame.send(out, 1, -1, "");
			RawFrame list = RawFrame.read(in);
			assertThat(list.type()).isEqualTo(1);
			assertThat(list.text()).doesNotContain("victim.mp3");
		}
	}

	@Test
	void aWrongTokenIsRefusedEvenFromAListedNetwork() throws IOException {
		try (Socket socket = connect()) {
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			DataInputStream in = new DataInputStream(socket.getInputStream());
			RawFrame.send(out, 0, -1, "TOKEN\tguess\nGuess, Nobody > guess.mp3\n");
			RawFrame error = RawFrame.read(in);
			assertThat(error.type()).isEqualTo(6);
			assertThat(error.text()).isEqualTo("INIT refused: wrong TOKEN");
		}
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket("127.0.0.1", this.server.port());
		socket.setSoTimeout(10_000);
		return socket;
	}

}
