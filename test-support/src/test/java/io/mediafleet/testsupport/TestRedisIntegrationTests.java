package io.mediafleet.testsupport;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TestRedisIntegrationTests {

	@Test
	void embeddedRedisIsARealServerOnLoopbackUntilStopped() throws IOException {
		RunningServer server = EmbeddedServers.redis();
		try {
			assertThat(server.source()).isEqualTo(TestServerSource.EMBEDDED);
			assertThat(server.url()).startsWith("redis://127.0.0.1:");
			assertThat(RedisPing.ping(server.url())).isEqualTo("+PONG");
			assertThat(RedisPing.command(server.url(), "SET", "greeting", "hello")).isEqualTo("+OK");
			assertThat(RedisPing.command(server.url(), "GET", "greeting")).isEqualTo("hello");
		}
		finally {
			server.stop();
		}
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> RedisPing.ping(server.url()));
	}

	@Test
	void urlFromTheEnvironmentIsUsedAsGivenAndLeftRunning() throws IOException {
		RunningServer external = EmbeddedServers.redis();
		try {
			TestServerChoice choice = TestServerChoice.resolve(Map.of(TestServerChoice.REDIS_URL, external.url()),
					TestServerChoice.REDIS_URL, () -> {
						throw new AssertionError("Docker must not be asked");
					});
			RunningServer fromEnvironment = TestRedis.start(choice);
			assertThat(fromEnvironment.source()).isEqualTo(TestServerSource.ENVIRONMENT);
			assertThat(fromEnvironment.url()).isEqualTo(external.url());
			assertThat(RedisPing.ping(fromEnvironment.url())).isEqualTo("+PONG");
			fromEnvironment.stop();
			assertThat(RedisPing.ping(external.url())).as("a server we did not start is not ours to stop")
				.isEqualTo("+PONG");
		}
		finally {
			external.stop();
		}
	}

	@Test
	void sharedRedisIsStartedOnceAndAnswers() throws IOException {
		String url = TestRedis.url();
		assertThat(TestRedis.url()).isSameAs(url);
		assertThat(RedisPing.ping(url)).isEqualTo("+PONG");
		if (System.getenv(TestServerChoice.REDIS_URL) != null) {
			assertThat(TestRedis.source()).isEqualTo(TestServerSource.ENVIRONMENT);
		}
		else {
			assertThat(TestRedis.source()).isIn(TestServerSource.TESTCONTAINERS, TestServerSource.EMBEDDED);
		}
	}

}
