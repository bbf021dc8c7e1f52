package io.mediafleet.testsupport;

import java.net.InetSocketAddress;

import de.bwaldvogel.mongo.MongoServer;

/**
 * A MongoDB of a test's own (mongo-java-server, in memory, loopback) that the test may stop to play an outage. The
 * shared servers of {@link WithMongoDb} must never be stopped; this one is for that.
 */
public final class StoppableMongoDb implements AutoCloseable {

	private final MongoServer server;

	private final String uri;

	private StoppableMongoDb(MongoServer server, String uri) {
		this.server = server;
		this.uri = uri;
	}

	/** Starts a server on a free loopback port. */
	public static StoppableMongoDb start() {
		MongoServer server = new MongoServer(new HelloMemoryBackend());
		server.bind("127.0.0.1", 0);
		InetSocketAddress address = server.getLocalAddress();
		return new StoppableMongoDb(server, "mongodb://127.0.0.1:" + address.getPort());
	}

	/** {@code mongodb://127.0.0.1:<port>}, without a database. */
	public String uri() {
		return this.uri;
	}

	/** Closes the port and every open connection at once, as a killed server would. */
	public void stop() {
		this.server.shutdownNow();
	}

	@Override
	public void close() {
		stop();
	}

}
