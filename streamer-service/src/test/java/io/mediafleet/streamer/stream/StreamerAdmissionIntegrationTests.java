package io.mediafleet.streamer.stream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admission on the streamer's web port and dedicated listener port on the real wire (raw TCP from two loopback source
 * addresses): half-sent requests beyond one address's limit are closed at accept while another address is answered,
 * and a half-sent request on the web port is closed after the header timeout.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.streamer.streamer-id=admission-it", "mediafleet.streamer.stream.listener-port=0",
				"mediafleet.streamer.peer.enabled=false", "mediafleet.streamer.http.max-connections-per-address=20",
				"mediafleet.streamer.http.max-handshakes-per-address=10", "server.tomcat.connection-timeout=2s" })
@WithRedis
class StreamerAdmissionIntegrationTests {

	private static final String ATTACKER = "127.0.0.2";

	private static final byte[] HALF_SENT = "GET /radios/x HTTP/1.1\r\nHost: 127.0.0.1\r\n"
		.getBytes(StandardCharsets.US_ASCII);

	@LocalServerPort
	int webPort;

	@Autowired
	ListenerServer listenerServer;

	@DynamicPropertySource
	static void library(DynamicPropertyRegistry properties) throws IOException {
		String library = Files.createTempDirectory("admission-library").toString();
		properties.add("mediafleet.streamer.library-directory", () -> library);
	}

	private static Socket connect(String source, int port, byte[] bytes) throws IOException {
		Socket socket = new Socket();
		socket.bind(new InetSocketAddress(source, 0));
		socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
		socket.getOutputStream().write(bytes);
		return socket;
	}

	private static boolean closedWithin(Socket socket, Duration wait) throws IOException {
		socket.setSoTimeout((int) wait.toMillis());
		byte[] buffer = new byte[4096];
		try {
			while (socket.getInputStream().read(buffer) >= 0) {
				// discard
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

	private static String answer(int port, String request) throws IOException {
		try (Socket socket = connect("127.0.0.1", port, request.getBytes(StandardCharsets.US_ASCII))) {
			socket.setSoTimeout(5000);
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	private static int floodClosedAtOnce(int port, int count, List<Socket> flood) throws IOException {
		for (int i = 0; i < count; i++) {
			flood.add(connect(ATTACKER, port, HALF_SENT));
		}
		int closed = 0;
		for (Socket socket : flood) {
			if (closedWithin(socket, Duration.ofMillis(20))) {
				closed++;
			}
		}
		return closed;
	}

	@Test
	void halfSentRequestsOnTheWebPortBeyondOneAddressesLimitAreClosedAtAcceptWhileAnotherAddressIsServed()
			throws Exception {
		List<Socket> flood = new ArrayList<>();
		try {
			assertThat(floodClosedAtOnce(this.webPort, 200, flood)).isGreaterThanOrEqualTo(200 - 20);
			assertThat(answer(this.webPort, "GET /actuator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
				.startsWith("HTTP/1.1 200");
		}
		finally {
			for (Socket socket : flood) {
				socket.close();
			}
		}
	}

	@Test
	void halfSentRequestsOnTheListenerPortBeyondOneAddressesLimitAreClosedAtAcceptWhileAnotherAddressIsAnswered()
			throws Exception {
		List<Socket> flood = new ArrayList<>();
		try {
			assertThat(floodClosedAtOnce(this.listenerServer.port(), 200, flood)).isGreaterThanOrEqualTo(200 - 10);
			// Not a radio: the point is that 127.0.0.1 gets an answer at once while 127.0.0.2 fills its slots.
			assertThat(answer(this.listenerServer.port(), "GET /nothing-here HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.");
		}
		finally {
			for (Socket socket : flood) {
				socket.close();
			}
		}
	}

	@Test
	void halfSentRequestOnTheWebPortIsClosedAfterTheHeaderTimeout() throws Exception {
		// An address of its own: another test's flood from ATTACKER may still count until the server sees it closed.
		try (Socket socket = connect("127.0.0.4", this.webPort, HALF_SENT)) {
			assertThat(closedWithin(socket, Duration.ofMillis(500))).as("closed before the header timeout").isFalse();
			assertThat(closedWithin(socket, Duration.ofSeconds(8))).isTrue();
		}
	}

}
