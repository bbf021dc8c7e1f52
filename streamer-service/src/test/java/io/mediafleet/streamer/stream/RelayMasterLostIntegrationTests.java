package io.mediafleet.streamer.stream;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.mediafleet.streamer.testing.IcyClient;
import io.mediafleet.streamer.testing.SchedulerDouble;
import io.mediafleet.streamer.testing.TestMp3s;
import io.mediafleet.testsupport.TestRedis;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A relay whose master died, over real HTTP and Redis with a scheduler double: the relay asks the scheduler again
 * after a few failed attempts and follows its answer, relaying from the new master it names or playing the radio
 * itself once it is made the master; its listeners, who stayed connected, hear the radio again.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.streamer.streamer-id=" + RelayMasterLostIntegrationTests.STREAMER,
				"mediafleet.streamer.stream.stop-linger=500ms" })
@WithRedis
class RelayMasterLostIntegrationTests {

	static final String STREAMER = "relay-lost-it";

	static SchedulerDouble scheduler;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void library(DynamicPropertyRegistry properties) throws Exception {
		Path library = Files.createTempDirectory("relay-lost-library");
		TestMp3s.sine(library.resolve("songs/beta.mp3"), 30, "Beta", "Bob", "-b:a", "128k");
		TestMp3s.sine(library.resolve("songs/gamma.mp3"), 30, "Gamma", "Gil", "-b:a", "128k");
		properties.add("mediafleet.streamer.library-directory", library::toString);
	}

	@BeforeAll
	static void startScheduler() {
		scheduler = new SchedulerDouble(TestRedis.url(), STREAMER);
		scheduler.program("rl-new-master", "songs/gamma.mp3", 0, 0);
	}

	@AfterAll
	static void stopScheduler() {
		scheduler.close();
	}

	@Test
	void aRelayWhoseMasterDiedPlaysTheRadioOnceTheSchedulerMakesItTheMaster() throws Exception {
		scheduler.programRelay("rl-takeover", "dead-master", deadUrl("rl-takeover"));
		try (IcyClient listener = new IcyClient(url("rl-takeover"))) {
			// The master is gone: the relay retries, then asks again; the scheduler still names the dead one.
			await().atMost(Duration.ofSeconds(30)).until(() -> playRadios("rl-takeover") >= 2);
			// The scheduler declared the master dead: the next play_radio makes this streamer the master.
			scheduler.program("rl-takeover", "songs/beta.mp3", 0, 0);
			assertThat(hears(listener, "Bob - Beta")).as("titles heard: %s", listener.titles()).isTrue();
		}
	}

	@Test
	void aRelayWhoseMasterDiedRelaysTheNewMasterTheSchedulerNames() throws Exception {
		scheduler.programRelay("rl-moved", "dead-master", deadUrl("rl-moved"));
		try (IcyClient listener = new IcyClient(url("rl-moved"))) {
			await().atMost(Duration.ofSeconds(30)).until(() -> playRadios("rl-moved") >= 2);
			// Another streamer masters the radio now (here: this streamer's own rl-new-master, a played radio).
			scheduler.programRelay("rl-moved", "new-master", url("rl-new-master"));
			assertThat(hears(listener, "Gil - Gamma")).as("titles heard: %s", listener.titles()).isTrue();
		}
		// Still a relay: the radio belongs to its master, so no stop_radio for it from here.
		assertThat(scheduler.received("stop_radio")).noneSatisfy(
				(message) -> assertThat(message.get("radio_uuid").asString()).isEqualTo("rl-moved"));
	}

	@Test
	void aRelayWhoseMasterFrozeAsksTheSchedulerAgainWithinSeconds() throws Exception {
		// A frozen master (SIGSTOP): the kernel still accepts the connection, nothing ever answers. Each attempt
		// ends at the relay's read time-out (3 s), so the third failed attempt asks again after about 11 s (it was
		// 10 s each: about 32 s, beyond the bound below).
		try (ServerSocket frozen = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
			scheduler.programRelay("rl-frozen", "frozen-master",
					"http://127.0.0.1:" + frozen.getLocalPort() + "/radios/rl-frozen");
			try (IcyClient listener = new IcyClient(url("rl-frozen"))) {
				// what follows the answer (play here, or relay another master) is the two tests above
				await().atMost(Duration.ofSeconds(25)).until(() -> playRadios("rl-frozen") >= 2);
			}
		}
	}

	/** Reads the stream, at most 40 metadata intervals (about 40 s at 128 kbit/s), until the title comes. */
	private static boolean hears(IcyClient listener, String title) throws Exception {
		for (int i = 0; i < 40 && !listener.titles().contains(title); i++) {
			listener.readIntervals(1);
		}
		return listener.titles().contains(title);
	}

	private long playRadios(String radio) {
		return scheduler.received("play_radio")
			.stream()
			.filter((message) -> radio.equals(message.get("radio_uuid").asString()))
			.count();
	}

	/** A master URL nobody listens at: a streamer that died. */
	private static String deadUrl(String radio) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		return "http://127.0.0.1:" + port + "/radios/" + radio;
	}

	private String url(String radio) {
		return "http://127.0.0.1:" + this.port + "/radios/" + radio;
	}

}
