package io.mediafleet.testsupport;

/**
 * The JVM's one MongoDB for integration tests: {@code MONGODB_URI} if set, else a {@code mongo:7} container when
 * Docker answers, else mongo-java-server (in-memory backend, MongoDB wire protocol) on a free loopback port.
 * <p>
 * Spring tests normally use {@link WithMongoDb}; other tests call {@link #uri()}, which starts the server on first
 * use.
 */
public final class TestMongoDb {

	private static final SharedServer shared = new SharedServer("MongoDB", TestServerChoice.MONGODB_URI,
			TestMongoDb::start);

	private TestMongoDb() {
	}

	/** Connection string of the shared server, e.g. {@code mongodb://127.0.0.1:40124}; starts it on first call. */
	public static String uri() {
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
			case TESTCONTAINERS -> ContainerServers.mongoDb();
			case EMBEDDED -> EmbeddedServers.mongoDb();
		};
	}

}
