package io.mediafleet.testsupport;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import org.jspecify.annotations.Nullable;

/**
 * A MongoDB of a test's own (mongo-java-server, in memory, loopback) that the test may stop to play an outage. The
 * shared servers of {@link WithMongoDb} must never be stopped; this one is for that.
 */
public final class StoppableMongoDb implements AutoCloseable {

	private final MongoServer server;

	/** The backend of a server started with a file (which can be frozen), or {@code null}. */
	private final @Nullable HelloH2Backend frozenable;

	private final String uri;

	/** The H2 file of a server that keeps its data across a {@link #restart()}, or {@code null} (in memory). */
	private final @Nullable Path file;

	private StoppableMongoDb(MongoServer server, @Nullable HelloH2Backend frozenable, String uri,
			@Nullable Path file) {
		this.server = server;
		this.frozenable = frozenable;
		this.uri = uri;
		this.file = file;
	}

	/** Starts a server on a free loopback port. */
	public static StoppableMongoDb start() {
		MongoServer server = new MongoServer(new HelloMemoryBackend());
		server.bind("127.0.0.1", 0);
		InetSocketAddress address = server.getLocalAddress();
		return new StoppableMongoDb(server, null, "mongodb://127.0.0.1:" + address.getPort(), null);
	}

	/** Starts a server on a free loopback port whose data lives in an H2 file, so it survives {@link #restart()}. */
	public static StoppableMongoDb start(Path file) {
		HelloH2Backend backend = new HelloH2Backend(file.toString());
		MongoServer server = new MongoServer(backend);
		server.bind("127.0.0.1", 0);
		InetSocketAddress address = server.getLocalAddress();
		return new StoppableMongoDb(server, backend, "mongodb://127.0.0.1:" + address.getPort(), file);
	}

	/**
	 * After {@link #stop()}: a new server on the same port and file, with the data the stopped one committed (as a
	 * MongoDB started again after an outage). Only for a server started with a file.
	 */
	public StoppableMongoDb restart() {
		if (this.file == null) {
			throw new IllegalStateException("an in-memory server keeps nothing to restart with");
		}
		HelloH2Backend backend = new HelloH2Backend(this.file.toString());
		MongoServer server = new MongoServer(backend);
		server.bind("127.0.0.1", Integer.parseInt(this.uri.substring(this.uri.lastIndexOf(':') + 1)));
		return new StoppableMongoDb(server, backend, this.uri, this.file);
	}

	/** {@code mongodb://127.0.0.1:<port>}, without a database. */
	public String uri() {
		return this.uri;
	}

	/**
	 * Leaves every command unanswered until {@link #thaw()}, connections still accepted and kept, as a MongoDB stopped
	 * by {@code SIGSTOP} would. Only for a server started with a file.
	 */
	public void freeze() {
		if (this.frozenable == null) {
			throw new IllegalStateException("only a server started with a file can be frozen");
		}
		this.frozenable.freeze();
	}

	/** Answers again after {@link #freeze()}: the commands held meanwhile go on. */
	public void thaw() {
		if (this.frozenable != null) {
			this.frozenable.thaw();
		}
	}

	/** Closes the port and every open connection at once, as a killed server would. */
	public void stop() {
		thaw();
		this.server.shutdownNow();
	}

	@Override
	public void close() {
		stop();
	}

}
