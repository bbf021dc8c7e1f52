package io.mediafleet.scheduler.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Admission on the scheduler's HTTP port on the real wire (raw TCP from two loopback source addresses): half-sent
 * requests beyond one address's limit are closed at accept while another address is served, a half-sent request is
 * closed after the header timeout, a silent link peer loses its TCP connection after the handshake timeout and the
 * close grace, and link upgrades beyond the unregistered limit get 503.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.http.max-connections-per-address=40",
				"server.tomcat.connection-timeout=2s", "mediafleet.scheduler.link.handshake-timeout=2s",
				"mediafleet.scheduler.link.close-grace=1s", "mediafleet.scheduler.link.max-unregistered=30" })
@WithRedis
@WithMongoDb(database = "http-admission-tests")
class HttpAdmissionIntegrationTests {

	/** Another loopback address than the legitimate client's 127.0.0.1: all of 127/8 is loopback on Linux. */
	private static final String ATTACKER = "127.0.0.2";

	private static final byte[] HALF_SENT = "GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
		.getBytes(StandardCharsets.US_ASCII);

	private static final byte[] LINK_UPGRADE = ("GET /api/socket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
			+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
		.getBytes(StandardCharsets.US_ASCII);

	@LocalServerPort
	private int port;

	private Socket connect(String source, byte[] bytes) throws IOException {
		Socket socket = new Socket();
		socket.bind(new InetSocketAddress(source, 0));
		socket.connect(new InetSocketAddress("127.0.0.1", this.port), 2000);
		socket.getOutputStream().write(bytes);
		return socket;
	}

	/** Whether the server closed the connection (EOF or reset) within {@code wait}, reading and discarding data. */
	private static boolean closedWithin(Socket socket, Duration wait) throws IOException {
		socket.setSoTimeout((int) wait.toMillis());
		InputStream in = socket.getInputStream();
		byte[] buffer = new byte[4096];
		try {
			while (in.read(buffer) >= 0) {
				// discard what the server sends before closing
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private String health() throws IOException {
		try (Socket socket = connect("127.0.0.1",
				"GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII))) {
			socket.setSoTimeout(5000);
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
		}
	}

	private static String readUntil(Socket socket, String marker) throws IOException {
		socket.setSoTimeout(5000);
		StringBuilder text = new StringBuilder();
		byte[] buffer = new byte[4096];
		InputStream in = socket.getInputStream();
		while (!text.toString().contains(marker)) {
			int read = in.read(buffer);
			if (read < 0) {
				break;
			}
			text.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
		}
		return text.toString();
	}

	@Test
	void halfSentRequestsBeyondOneAddressesLimitAreClosedAtAcceptWhileAnotherAddressIsServed() throws Exception {
		List<Socket> flood = new ArrayList<>();
		try {
			for (int i = 0; i < 300; i++) {
				flood.add(connect(ATTACKER, HALF_SENT));
			}
			int closedAtOnce = 0;
			for (Socket socket : flood) {
				if (closedWithin(socket, Duration.ofMillis(20))) {
					closedAtOnce++;
				}
			}
			// 40 may stay open (the limit); the rest are closed at accept, long before the 2 s header timeout.
			assertThat(closedAtOnce).isGreaterThanOrEqualTo(300 - 40);
			assertThat(health()).startsWith("HTTP/1.1 200");
		}
		finally {
			for (Socket socket : flood) {
				socket.close();
			}
		}
	}

	@Test
	void halfSentRequestIsClosedAfterTheHeaderTimeout() throws Exception {
		// An address of its own: another test's flood from ATTACKER may still count until the server sees it closed.
		try (Socket socket = connect("127.0.0.4", HALF_SENT)) {
			assertThat(closedWithin(socket, Duration.ofMillis(500))).as("closed before the header timeout").isFalse();
			// 2 s header timeout, generous slack for a loaded machine.
			assertThat(closedWithin(socket, Duration.ofSeconds(8))).isTrue();
		}
	}

	@Test
	void silentLinkPeerLosesItsTcpConnectionAfterTheHandshakeTimeoutAndTheCloseGrace() throws Exception {
		try (Socket socket = connect("127.0.0.5", LINK_UPGRADE)) {
			assertThat(readUntil(socket, "hello")).startsWith("HTTP/1.1 101");
			// The peer reads what it is sent but never registers and never answers the hub's close frame: the TCP
			// connection must still end, 2 s handshake timeout + 1 s grace, with slack for the container's check.
			assertThat(closedWithin(socket, Duration.ofSeconds(12))).isTrue();
		}
	}

	@Test
	void linkUpgradesBeyondTheUnregisteredLimitAreRefusedWith503UntilPlacesFree() throws Exception {
		List<Socket> silent = new ArrayList<>();
		try {
			for (int i = 0; i < 30; i++) {
				Socket socket = connect((i % 2 == 0) ? "127.0.0.6" : "127.0.0.7", LINK_UPGRADE);
				silent.add(socket);
				assertThat(readUntil(socket, "hello")).startsWith("HTTP/1.1 101");
			}
			try (Socket refused = connect("127.0.0.1", LINK_UPGRADE)) {
				assertThat(readUntil(refused, "\r\n\r\n")).startsWith("HTTP/1.1 503").contains("Retry-After: 5");
			}
			for (Socket socket : silent) {
				socket.close();
			}
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				try (Socket admitted = connect("127.0.0.1", LINK_UPGRADE)) {
					assertThat(readUntil(admitted, "hello")).startsWith("HTTP/1.1 101");
				}
			});
		}
		finally {
			for (Socket socket : silent) {
				socket.close();
			}
		}
	}

}
