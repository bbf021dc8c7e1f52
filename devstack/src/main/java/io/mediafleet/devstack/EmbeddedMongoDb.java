package io.mediafleet.devstack;

import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;

/**
 * mongo-java-server speaking the MongoDB wire protocol on loopback, keeping its data in one H2 MVStore file when
 * given one, in memory otherwise.
 */
final class EmbeddedMongoDb implements AutoCloseable {

	private final MongoServer server;

	private final int port;

	private EmbeddedMongoDb(MongoServer server, int port) {
		this.server = server;
		this.port = port;
	}

	/** Starts on loopback {@code port}, storing data in {@code file} or, when {@code null}, in memory. */
	static EmbeddedMongoDb start(int port, @Nullable Path file) {
		MongoBackend backend = (file != null) ? new HelloH2Backend(file.toString()) : new HelloMemoryBackend();
		MongoServer server = new MongoServer(backend);
		try {
			server.bind("127.0.0.1", port);
		}
		catch (RuntimeException ex) {
			server.shutdownNow();
			throw new DevStackException("MongoDB could not listen on port " + port + ": " + ex.getMessage(), ex);
		}
		return new EmbeddedMongoDb(server, port);
	}

	/** Connection string for {@code database}, e.g. {@code mongodb://127.0.0.1:27017/mediafleet}. */
	String uri(String database) {
		return "mongodb://127.0.0.1:" + this.port + "/" + database;
	}

	/** Stops listening, closes client connections and closes the backend, which commits the H2 file. */
	@Override
	public void close() {
		this.server.shutdown();
	}

	/**
	 * Answers {@code hello}, which mongo-java-server lacks up to 1.47.0 but Spring Boot's MongoDB health indicator
	 * sends, like the legacy {@code isMaster} it replaced.
	 */
	static @Nullable Document hello(String command, HelloCapable backend, Channel channel, String databaseName,
			Document query) {
		if (!"hello".equalsIgnoreCase(command)) {
			return null;
		}
		Document reply = backend.handleLegacyHello(channel, databaseName, query);
		reply.remove("ismaster");
		reply.put("isWritablePrimary", Boolean.TRUE);
		return reply;
	}

	/** A backend that can answer the legacy hello on request. */
	interface HelloCapable {

		Document handleLegacyHello(Channel channel, String databaseName, Document query);

	}

	/** The in-memory backend taught {@code hello}. */
	static final class HelloMemoryBackend extends MemoryBackend implements HelloCapable {

		@Override
		public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
			Document hello = hello(command, this, channel, databaseName, query);
			return (hello != null) ? hello : super.handleCommand(channel, databaseName, command, query);
		}

		@Override
		public Document handleLegacyHello(Channel channel, String databaseName, Document query) {
			return super.handleCommand(channel, databaseName, "ismaster", query);
		}

	}

	/** The H2 (MVStore file) backend taught {@code hello}. */
	static final class HelloH2Backend extends H2Backend implements HelloCapable {

		HelloH2Backend(String fileName) {
			super(fileName);
		}

		@Override
		public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
			Document hello = hello(command, this, channel, databaseName, query);
			return (hello != null) ? hello : super.handleCommand(channel, databaseName, command, query);
		}

		@Override
		public Document handleLegacyHello(Channel channel, String databaseName, Document query) {
			return super.handleCommand(channel, databaseName, "ismaster", query);
		}

	}

}
