package io.mediafleet.tracker.tracker;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * One host cannot lock every other peer out: connections from one source address beyond
 * {@code max-connections-per-address} get {@code ERROR} and are closed, while a peer from another address is served.
 * The flooding host is 127.0.0.2 (all of 127/8 is loopback), the peer 127.0.0.1.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = { "mediafleet.tracker.tsp.port=0", "mediafleet.tracker.tsp.bind-address=0.0.0.0",
				"mediafleet.tracker.tsp.max-connections-per-address=5", "mediafleet.tracker.tsp.max-connections=8",
				"mediafleet.tracker.peers.token=limits-test-token" })
class TrackerConnectionLimitsIntegrationTests {

	private static final InetAddress FLOODER = loopback(2);

	private static final InetAddress PEER = loopback(1);

	@Autowired
	private TspServer server;

	@Test
	void connectionsOverTheAddressLimitAreRefusedWhileAnotherAddressIsServed() throws IOException {
		awaitNoConnections();
		List<Socket> flood = new ArrayList<>();
		try {
			for (int i = 0; i < 5; i++) {
				flood.add(connect(FLOODER));
			}
			// Each admitted connection answers LIST: admission is decided when the connection opens.
			for (Socket socket : flood) {
				assertThat(list(socket).type()).isEqualTo(1);
			}
			try (Socket refused = connect(FLOODER)) {
				RawFrame error = RawFrame.read(new DataInputStream(refused.getInputStream()));
				assertThat(error.type()).isEqualTo(6);
				assertThat(error.text()).isEqualTo("too many connections from your address: 5 open");
				assertThatThrownBy(() -> RawFrame.read(new DataInputStream(refused.getInputStream())))
					.isInstanceOf(EOFException.class);
			}
			try (Socket peer = connect(PEER)) {
				assertThat(list(peer).type()).isEqualTo(1);
			}

			// A slot freed by the flooding address is its own again.
			flood.remove(0).close();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				try (Socket again = connect(FLOODER)) {
					assertThat(list(again).type()).isEqualTo(1);
				}
			});
		}
		finally {
			for (Socket socket : flood) {
				socket.close();
			}
		}
	}

	@Test
	void theWholeTrackerLimitStillHolds() throws IOException {
		awaitNoConnections();
		List<Socket> open = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				open.add(connect(loopback(3)));
				open.add(connect(loopback(4)));
			}
			for (Socket socket : open) {
				assertThat(list(socket).type()).isEqualTo(1);
			}
			try (Socket refused = connect(PEER)) {
				RawFrame error = RawFrame.read(new DataInputStream(refused.getInputStream()));
				assertThat(error.text()).isEqualTo("tracker full: 8 connections open");
			}
		}
		finally {
			for (Socket socket : open) {
				socket.close();
			}
		}
	}

	private void awaitNoConnections() {
		// Connections closed by an earlier test are forgotten on the tracker's own threads.
		await().atMost(Duration.ofSeconds(5)).until(() -> this.server.connectionCount() == 0);
	}

	private static RawFrame list(Socket socket) throws IOException {
		RawFrame.send(new DataOutputStream(socket.getOutputStream()), 1, -1, "");
		return RawFrame.read(new DataInputStream(socket.getInputStream()));
	}

	private Socket connect(InetAddress from) throws IOException {
		Socket socket = new Socket();
		socket.bind(new InetSocketAddress(from, 0));
		socket.connect(new InetSocketAddress("127.0.0.1", this.server.port()), 5_000);
		socket.setSoTimeout(10_000);
		return socket;
	}

	private static InetAddress loopback(int last) {
		try {
			return InetAddress.getByAddress(new byte[] { 127, 0, 0, (byte) last });
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
