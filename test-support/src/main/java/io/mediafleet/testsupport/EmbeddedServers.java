package io.mediafleet.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

/**
 * Starts the embedded servers: embedded-redis's bundled {@code redis-server} binary and mongo-java-server, both on
 * loopback only.
 */
final class EmbeddedServers {

	private static final String LOOPBACK = "127.0.0.1";

	/**
	 * Environment variable choosing the embedded MongoDB's backend: {@code memory} (default; the data on the Java heap)
	 * or {@code h2} (an MVStore file in the temp directory, deleted at stop; the data off the heap, for benchmarks).
	 */
	static final String MONGODB_BACKEND = "MEDIAFLEET_TEST_MONGODB_BACKEND";

	/** A free port can be taken by someone else before Redis binds it; a few fresh ports make that harmless. */
	private static final int REDIS_ATTEMPTS = 5;

	private EmbeddedServers() {
	}

	static RunningServer redis() {
		IOException last = null;
		for (int attempt = 0; attempt < REDIS_ATTEMPTS; attempt++) {
			int port = freePort();
			try {
				RedisServer server = RedisServer.newRedisServer()
					.bind(LOOPBACK)
					.port(port)
					// Tests need no persistence: no snapshots, no append-only file in the binary's temp directory.
					.setting("save \"\"")
					.setting("appendonly no")
					.build();
				server.start();
				return new RunningServer(TestServerSource.EMBEDDED, "redis://" + LOOPBACK + ":" + port, server::stop);
			}
			catch (IOException ex) {
				last = ex;
			}
		}
		throw new UncheckedIOException("Embedded Redis did not start after " + REDIS_ATTEMPTS + " attempts", last);
	}

	static RunningServer mongoDb() {
		return mongoDb(System.getenv(MONGODB_BACKEND));
	}

	/** The embedded MongoDB on {@code backend}: {@code memory} (also when null or blank) or {@code h2}. */
	static RunningServer mongoDb(@Nullable String backend) {
		if (backend == null || backend.isBlank() || backend.equals("memory")) {
			return mongoDb(new HelloMemoryBackend(), () -> {
			});
		}
		if (!backend.equals("h2")) {
			throw new IllegalStateException(MONGODB_BACKEND + " must be 'memory' (the default) or 'h2', not '"
					+ backend + "'");
		}
		try {
			Path file = Files.createTempFile("mediafleet-mongo-", ".mv.db");
			Files.delete(file);
			return mongoDb(new HelloH2Backend(file.toString()), () -> {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					// A temp file left behind is harmless.
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No temp file for the H2 backend of the embedded MongoDB", ex);
		}
	}

	private static RunningServer mongoDb(AbstractMongoBackend backend, Runnable afterStop) {
		MongoServer server = new MongoServer(backend);
		// Port 0 lets the kernel pick, so there is no race with other processes.
		server.bind(LOOPBACK, 0);
		InetSocketAddress address = server.getLocalAddress();
		return new RunningServer(TestServerSource.EMBEDDED, "mongodb://" + LOOPBACK + ":" + address.getPort(), () -> {
			server.shutdownNow();
			afterStop.run();
		});
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free loopback port", ex);
		}
	}

}
