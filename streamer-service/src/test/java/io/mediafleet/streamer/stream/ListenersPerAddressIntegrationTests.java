package io.mediafleet.streamer.stream;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mediafleet.streamer.testing.SchedulerDouble;
import io.mediafleet.streamer.testing.TestMp3s;
import io.mediafleet.testsupport.TestRedis;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One address cannot take every listener slot: beyond {@code max-listeners-per-address} its listeners get 503 while a
 * listener from another address is streamed to, and a slot it frees is its own again. The address holding slots is
 * 127.0.0.2 (all of 127/8 is loopback), the other listener 127.0.0.1.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.streamer.streamer-id=" + ListenersPerAddressIntegrationTests.STREAMER,
				"mediafleet.streamer.listener-limit=3", "mediafleet.streamer.http.max-listeners-per-address=2",
				"server.address=0.0.0.0" })
@WithRedis
class ListenersPerAddressIntegrationTests {

	static final String STREAMER = "per-address-it";

	static SchedulerDouble scheduler;

	@LocalServerPort
	int port;

	@Autowired
	RadioHub hub;

	@DynamicPropertySource
	static void library(DynamicPropertyRegistry properties) throws Exception {
		Path library = Files.createTempDirectory("per-address-library");
		TestMp3s.sine(library.resolve("long.mp3"), 60, "Long", "Band", "-b:a", "64k");
		properties.add("mediafleet.streamer.library-directory", library::toString);
	}

	@BeforeAll
	static void startScheduler() {
		scheduler = new SchedulerDouble(TestRedis.url(), STREAMER);
		scheduler.program("per-address", "long.mp3", 0, 0);
	}

	@AfterAll
	static void stopScheduler() {
		scheduler.close();
	}

	@Test
	void oneAddressGetsItsShareOfListenerSlotsAndAnotherAddressIsStillServed() throws Exception {
		List<Socket> held = new ArrayList<>();
		try {
			held.add(listen(2));
			held.add(listen(2));
			for (Socket socket : held) {
				assertThat(statusLine(socket)).startsWith("HTTP/1.1 200");
			}
			try (Socket third = listen(2)) {
				assertThat(statusLine(third)).startsWith("HTTP/1.1 503");
			}
			try (Socket other = listen(1)) {
				assertThat(statusLine(other)).startsWith("HTTP/1.1 200");
			}
			held.remove(0).close();
			await().atMost(Duration.ofSeconds(10)).until(() -> this.hub.admittedListeners() <= 1);
			try (Socket again = listen(2)) {
				assertThat(statusLine(again)).startsWith("HTTP/1.1 200");
			}
		}
		finally {
			for (Socket socket : held) {
				socket.close();
			}
		}
	}

	private Socket listen(int lastByte) throws IOException {
		Socket socket = new Socket();
		socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] { 127, 0, 0, (byte) lastByte }), 0));
		socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5_000);
		socket.setSoTimeout(15_000);
		socket.getOutputStream()
			.write("GET /radios/per-address HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		return socket;
	}

	private static String statusLine(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
			line.append((char) b);
		}
		return line.toString().trim();
	}

}
