package io.mediafleet.streamer.radio;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mediafleet.streamer.testing.IcyClient;
import io.mediafleet.streamer.testing.SchedulerDouble;
import io.mediafleet.streamer.testing.TcpProxy;
import io.mediafleet.streamer.testing.TestMp3s;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Redis restart under a playing streamer: its own embedded Redis, stopped and started again on the same port.
 * The streamer reaches Redis through a proxy the test holds shut until the scheduler double has subscribed again,
 * so the re-registration cannot be published before anyone listens.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.streamer.streamer-id=" + RedisRestartIntegrationTests.STREAMER,
				"mediafleet.streamer.stream.stop-linger=500ms",
				// Only the reconnect may cause the re-registration this test waits for, not the no-ping watchdog.
				"mediafleet.streamer.reannounce-after=1h" })
class RedisRestartIntegrationTests {

	static final String STREAMER = "restart-it";

	static int redisPort;

	static RedisServer redis;

	static TcpProxy proxy;

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	@DynamicPropertySource
	static void redisAndLibrary(DynamicPropertyRegistry properties) throws Exception {
		redisPort = freePort();
		redis = startRedis();
		proxy = new TcpProxy(redisPort);
		Path library = Files.createTempDirectory("restart-library");
		TestMp3s.sine(library.resolve("long.mp3"), 30, "Long", "Player", "-b:a", "64k");
		properties.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + proxy.port());
		properties.add("mediafleet.streamer.library-directory", library::toString);
	}

	@AfterAll
	static void stopRedis() throws IOException {
		proxy.close();
		redis.stop();
	}

	@Test
	void streamerRegistersAgainAfterRedisRestartsAndListenersKeepTheirStream() throws Exception {
		try (SchedulerDouble scheduler = new SchedulerDouble(directUrl(), STREAMER)) {
			scheduler.program("restart-radio", "long.mp3", 0, 0);
			try (IcyClient listener = new IcyClient("http://127.0.0.1:" + this.port + "/radios/restart-radio")) {
				listener.readIntervals(1);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> !scheduler.received("register_listener").isEmpty());
				int registrationsBefore = scheduler.received("register_streamer").size();

				proxy.pause();
				redis.stop();
				redis = startRedis();
				await().atMost(Duration.ofSeconds(20)).until(() -> subscribers("yascheduler") >= 1);
				proxy.resume();

				await().atMost(Duration.ofSeconds(30))
					.until(() -> scheduler.received("register_streamer").size() > registrationsBefore);
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					assertThat(scheduler.received("play_radio")).hasSizeGreaterThanOrEqualTo(2);
					assertThat(scheduler.received("register_listener")).hasSizeGreaterThanOrEqualTo(2);
				});
				scheduler.send("{\"type\":\"ping\"}");
				await().atMost(Duration.ofSeconds(10)).until(() -> !scheduler.received("pong").isEmpty());
				assertThat(this.registry.get("mediafleet.streamer.radio.registrations").counter().count())
					.isGreaterThanOrEqualTo(2);
				// The same HTTP response goes on.
				listener.readIntervals(2);
				assertThat(listener.titles()).contains("Player - Long");
			}
		}
	}

	private static long subscribers(String channel) {
		RedisClient client = RedisClient.create(directUrl());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync().pubsubNumsub(channel).getOrDefault(channel, 0L);
		}
		catch (RuntimeException ex) {
			return 0;
		}
		finally {
			client.shutdown();
		}
	}

	private static String directUrl() {
		return "redis://127.0.0.1:" + redisPort;
	}

	private static RedisServer startRedis() throws IOException {
		RedisServer server = RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(redisPort)
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		server.start();
		return server;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
