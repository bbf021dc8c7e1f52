package io.mediafleet.streamer.radio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.mediafleet.streamer.testing.SchedulerDouble;
import io.mediafleet.streamer.testing.TestMp3s;
import io.mediafleet.testsupport.TestRedis;
import io.mediafleet.testsupport.WithRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A re-announce does not disturb listeners: the scheduler double never pings, so the streamer registers again every
 * second or so, and answers each {@code play_radio} as the real scheduler does, with the song on air at its current
 * offset (on one radio half a second off, which is within the streamer's tolerance). Songs are noise, so every frame differs and a restart, a jump or inserted silence shows in the bytes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.streamer.streamer-id=" + ReannounceIntegrationTests.STREAMER,
				"mediafleet.streamer.reannounce-after=1s", "mediafleet.streamer.stream.stop-linger=500ms",
				// 600 listeners from 127.0.0.1: no share per address here.
				"mediafleet.streamer.http.max-listeners-per-address=0" })
@WithRedis
class ReannounceIntegrationTests {

	static final String STREAMER = "reannounce-it";

	/** More sessions than one re-announce batch, so the batching is crossed. */
	static final int SESSIONS = SchedulerClient.ANNOUNCE_BATCH + 88;

	static Path library;

	static SchedulerDouble scheduler;

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	@DynamicPropertySource
	static void library(DynamicPropertyRegistry properties) throws Exception {
		library = Files.createTempDirectory("streamer-library");
		TestMp3s.encode(library.resolve("noise-a.mp3"), "anoisesrc=d=60:c=pink:r=44100:a=0.5", "Noise A", null,
				"-b:a", "64k");
		TestMp3s.encode(library.resolve("noise-b.mp3"), "anoisesrc=d=60:c=white:r=44100:a=0.5:seed=7", "Noise B",
				null, "-b:a", "64k");
		TestMp3s.sine(library.resolve("quiet.mp3"), 4, "Quiet", null, "-b:a", "32k");
		properties.add("mediafleet.streamer.library-directory", library::toString);
	}

	@BeforeAll
	static void startScheduler() {
		scheduler = new SchedulerDouble(TestRedis.url(), STREAMER);
		// Half a second behind: obeying it would replay half a second, which the bytes would show.
		scheduler.programLive("re-steady", "noise-a.mp3", -0.5);
		scheduler.programLive("re-switch", "noise-a.mp3");
		scheduler.programLive("re-many", "quiet.mp3");
	}

	@AfterAll
	static void stopScheduler() {
		scheduler.close();
	}

	@Test
	void aListenerHearsOneContiguousRunOfTheSongAcrossRepeatedPlays() throws Exception {
		byte[] song = Files.readAllBytes(library.resolve("noise-a.mp3"));
		try (Listener listener = new Listener(url("re-steady"))) {
			await().atMost(Duration.ofSeconds(20)).until(() -> listener.received() > 8_000);
			double plays = counter("mediafleet.streamer.play.commands");
			double repeated = counter("mediafleet.streamer.plays.repeated");
			// Two re-announces, each answered with the song on air at its offset, while the listener listens on.
			await().atMost(Duration.ofSeconds(30))
				.until(() -> counter("mediafleet.streamer.play.commands") >= plays + 2);
			int heard = listener.received();
			await().atMost(Duration.ofSeconds(20)).until(() -> listener.received() > heard + 16_000);
			byte[] audio = listener.audio();
			assertThat(audio.length).isLessThan(song.length / 2);
			int start = indexOf(song, audio, 0, 256);
			assertThat(start).as("the first bytes heard are bytes of the song").isNotNegative();
			int mismatch = mismatch(song, start, audio);
			assertThat(mismatch).as("offset of the first byte that does not continue the song (-1: none) of %d bytes",
					audio.length).isEqualTo(-1);
			assertThat(counter("mediafleet.streamer.plays.repeated")).isGreaterThanOrEqualTo(repeated + 2);
		}
	}

	@Test
	void aPlayOfAFarOffsetOrAnotherFileStillSwitches() throws Exception {
		byte[] songA = Files.readAllBytes(library.resolve("noise-a.mp3"));
		byte[] songB = Files.readAllBytes(library.resolve("noise-b.mp3"));
		try (Listener listener = new Listener(url("re-switch"))) {
			await().atMost(Duration.ofSeconds(20)).until(() -> listener.received() > 8_000);
			assertThat(indexOf(songA, listener.audio(), 0, 256)).as("plays noise-a from its start")
				.isBetween(0, 64_000);
			// 64 kbit/s: 8,000 bytes a second, so offset 40 s is past byte 300,000.
			scheduler.playLive("re-switch", "noise-a.mp3", 40.0);
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				byte[] audio = listener.audio();
				assertThat(indexOf(songA, audio, audio.length - 512, 512)).as("the last bytes heard")
					.isGreaterThan(300_000);
			});
			scheduler.playLive("re-switch", "noise-b.mp3", 0);
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				byte[] audio = listener.audio();
				assertThat(indexOf(songB, audio, audio.length - 512, 512)).as("the last bytes heard, in noise-b")
					.isNotNegative();
			});
		}
	}

	@Test
	void aReannounceSendsEverySession() throws Exception {
		List<Socket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < SESSIONS; i++) {
				Socket socket = new Socket();
				sockets.add(socket);
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5_000);
				OutputStream out = socket.getOutputStream();
				out.write("GET /radios/re-many HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
			Set<String> sessions = new HashSet<>();
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
				sessions.clear();
				sessions.addAll(sessionsOf(scheduler.received("register_listener")));
				return sessions.size() >= SESSIONS;
			});
			assertThat(sessions).hasSize(SESSIONS);
			// A register_streamer after every session registered opens a re-announce: until the next one, every
			// session must come again.
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
				.until(() -> aReannounceCarried(sessions));
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
	}

	private static boolean aReannounceCarried(Set<String> sessions) {
		List<String> received = scheduler.received();
		Set<String> seen = new HashSet<>();
		Set<String> window = null;
		for (String text : received) {
			JsonNode message = scheduler.parse(text);
			String type = message.get("type").asString();
			if (type.equals("register_streamer")) {
				if (window != null && window.containsAll(sessions)) {
					return true;
				}
				window = seen.containsAll(sessions) ? new HashSet<>() : null;
			}
			else if (type.equals("register_listener") && message.get("radio_uuid").asString().equals("re-many")) {
				seen.add(message.get("session_id").asString());
				if (window != null) {
					window.add(message.get("session_id").asString());
				}
			}
		}
		return window != null && window.containsAll(sessions);
	}

	private static Set<String> sessionsOf(List<JsonNode> registrations) {
		Set<String> result = new HashSet<>();
		for (JsonNode message : registrations) {
			if (message.get("radio_uuid").asString().equals("re-many")) {
				result.add(message.get("session_id").asString());
			}
		}
		return result;
	}

	private double counter(String name) {
		return this.registry.get(name).counter().count();
	}

	private String url(String radio) {
		return "http://127.0.0.1:" + this.port + "/radios/" + radio;
	}

	/** Where {@code length} bytes of {@code part} from {@code from} first occur in {@code whole}, or -1. */
	private static int indexOf(byte[] whole, byte[] part, int from, int length) {
		outer: for (int i = 0; i + length <= whole.length; i++) {
			for (int j = 0; j < length; j++) {
				if (whole[i + j] != part[from + j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/** The first index of {@code part} that differs from {@code whole} read from {@code start}, or -1. */
	private static int mismatch(byte[] whole, int start, byte[] part) {
		for (int i = 0; i < part.length; i++) {
			if (start + i >= whole.length || whole[start + i] != part[i]) {
				return i;
			}
		}
		return -1;
	}

	/** A listener without ICY metadata reading the raw stream on a thread of its own. */
	private static final class Listener implements AutoCloseable {

		private final HttpURLConnection connection;

		private final ByteArrayOutputStream audio = new ByteArrayOutputStream();

		private final Thread reader;

		Listener(String url) throws IOException {
			this.connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
			this.connection.setReadTimeout(20_000);
			this.connection.setConnectTimeout(5_000);
			assertThat(this.connection.getResponseCode()).isEqualTo(200);
			InputStream in = this.connection.getInputStream();
			this.reader = Thread.ofVirtual().start(() -> {
				byte[] buffer = new byte[4096];
				try {
					int read;
					while ((read = in.read(buffer)) > 0) {
						synchronized (this.audio) {
							this.audio.write(buffer, 0, read);
						}
					}
				}
				catch (IOException ex) {
					// Closed by the test.
				}
			});
		}

		int received() {
			synchronized (this.audio) {
				return this.audio.size();
			}
		}

		byte[] audio() {
			synchronized (this.audio) {
				return this.audio.toByteArray();
			}
		}

		@Override
		public void close() throws InterruptedException {
			this.connection.disconnect();
			this.reader.join(5_000);
		}

	}

}
