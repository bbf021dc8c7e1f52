package io.mediafleet.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import de.bwaldvogel.mongo.MongoServer;
import redis.embedded.RedisServer;

/**
 * Starts the embedded servers: embedded-redis's bundled {@code redis-server} binary and mongo-java-server, both on
 * loopback only.
 */
final class EmbeddedServers {

	private static final String LOOPBACK = "127.0.0.1";

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
		MongoServer server = new MongoServer(new HelloMemoryBackend());
		// Port 0 lets the kernel pick, so there is no race with other processes.
		server.bind(LOOPBACK, 0);
		InetSocketAddress address = server.getLocalAddress();
		return new RunningServer(TestServerSource.EMBEDDED,
				"mongodb://" + LOOPBACK + ":" + address.getPort(), server::shutdownNow);
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
