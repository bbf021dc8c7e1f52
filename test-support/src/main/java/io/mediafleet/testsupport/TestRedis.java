package io.mediafleet.testsupport;

/**
 * The JVM's one Redis for integration tests: {@code REDIS_URL} if set, else a {@code redis:7} container when Docker
 * answers, else embedded-redis's real {@code redis-server} on a free loopback port.
 * <p>
 * Spring tests normally use {@link WithRedis}; other tests call {@link #url()}, which starts the server on first use.
 */
public final class TestRedis {

	private static final SharedServer shared = new SharedServer("Redis", TestServerChoice.REDIS_URL, TestRedis::start);

	private TestRedis() {
	}

	/** URL of the shared server, e.g. {@code redis://127.0.0.1:40123}; starts it on first call. */
	public static String url() {
		return shared.get().url();
	}

	/** Where the shared server came from; starts it on first call. */
	public static TestServerSource source() {
		return shared.get().source();
	}

	static RunningServer start(TestServerChoice choice) {
		return switch (choice.source()) {
			case ENVIRONMENT -> new RunningServer(TestServerSource.ENVIRONMENT, choice.requiredUrl(), () -> {
			});
			case TESTCONTAINERS -> ContainerServers.redis();
			case EMBEDDED -> EmbeddedServers.redis();
		};
	}

}
