package io.mediafleet.devstack;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;

/**
 * MongoDB (mongo-java-server, as {@link EmbeddedMongoDb}) in a JVM of its own, as production runs a database server:
 * the stack starts it as a child process of the devstack jar itself ({@code java -jar devstack.jar mongodb-server
 * --port=N [--file=F]}), so it can be killed, stopped or restarted apart from devstack.
 */
final class MongoDbProcess {

	/** The first argument that makes devstack's {@code main} serve MongoDB instead of starting the stack. */
	static final String COMMAND = "mongodb-server";

	/** The child process's name, as its output lines are tagged and as a hold file names it. */
	static final String NAME = "mongodb";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

	private MongoDbProcess() {
	}

	/**
	 * Starts the child on loopback {@code port} with {@code javaOptions}, keeping its data in {@code file} (H2
	 * MVStore) or in memory, and waits until it accepts connections.
	 */
	static ChildProcess start(int port, @Nullable Path file, List<String> javaOptions, Path workingDirectory,
			Output output) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(javaOptions);
		command.addAll(self());
		command.add(COMMAND);
		command.add("--port=" + port);
		if (file != null) {
			command.add("--file=" + file);
		}
		ChildProcess mongo = ChildProcess.start(NAME, command, Map.of(), workingDirectory, output);
		Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
		while (!accepts(port)) {
			if (!mongo.isAlive() || Instant.now().isAfter(deadline)) {
				mongo.kill();
				throw new DevStackException("MongoDB did not accept connections on port " + port + " within "
						+ STARTUP_TIMEOUT.toSeconds() + " s; its output above says why");
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				mongo.kill();
				throw new DevStackException("Interrupted while waiting for MongoDB");
			}
		}
		return mongo;
	}

	/**
	 * How to run this program again: {@code -jar devstack.jar} when it runs from its executable jar (whose classes
	 * the plain class path cannot reach), its class path and main class otherwise (tests, an IDE).
	 */
	static List<String> self() {
		String classPath = System.getProperty("java.class.path", "");
		if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
			return List.of("-jar", Path.of(classPath).toAbsolutePath().toString());
		}
		return List.of("-cp", classPath, DevStack.class.getName());
	}

	/** The child's main: serves until SIGTERM, then closes the server, which commits the H2 file. */
	static void main(List<String> arguments) {
		Integer port = null;
		Path file = null;
		for (String argument : arguments) {
			if (argument.startsWith("--port=")) {
				port = Integer.valueOf(argument.substring("--port=".length()));
			}
			else if (argument.startsWith("--file=")) {
				file = Path.of(argument.substring("--file=".length()));
			}
			else {
				throw new DevStackException("Unknown argument '" + argument + "' for " + COMMAND);
			}
		}
		if (port == null) {
			throw new DevStackException(COMMAND + " needs --port=N");
		}
		EmbeddedMongoDb server = EmbeddedMongoDb.start(port, file);
		CountDownLatch closed = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.close();
			closed.countDown();
		}, "mongodb-stop"));
		System.out.println("MongoDB listening on 127.0.0.1:" + port
				+ ((file != null) ? " (data in " + file + ")" : " (in memory)"));
		try {
			closed.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
