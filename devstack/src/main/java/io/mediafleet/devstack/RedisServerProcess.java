package io.mediafleet.devstack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import redis.embedded.core.ExecutableProvider;

/**
 * Runs the real {@code redis-server} binary that embedded-redis ships, as a plain child process so the stack
 * decides when it stops (after the services, not in a JVM shutdown hook of its own).
 */
final class RedisServerProcess {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

	private RedisServerProcess() {
	}

	/**
	 * Starts Redis on loopback {@code port}; with a {@code dataDirectory} it snapshots there (Redis's default save
	 * rules, and on stop), without one it keeps nothing.
	 */
	static ChildProcess start(int port, @Nullable Path dataDirectory, Path workingDirectory, Output output) {
		File binary;
		try {
			binary = ExecutableProvider.newJarResourceProvider().get();
		}
		catch (IOException ex) {
			throw new DevStackException("Could not unpack embedded-redis's redis-server binary: " + ex.getMessage(),
					ex);
		}
		List<String> command = new ArrayList<>(List.of(binary.getAbsolutePath(), "--port", Integer.toString(port),
				"--bind", "127.0.0.1", "--loglevel", "warning", "--appendonly", "no"));
		if (dataDirectory != null) {
			command.addAll(List.of("--dir", dataDirectory.toString()));
		}
		else {
			command.addAll(List.of("--save", ""));
		}
		ChildProcess redis = ChildProcess.start("redis", command, Map.of(), workingDirectory, output);
		awaitPong(redis, port);
		return redis;
	}

	private static void awaitPong(ChildProcess redis, int port) {
		Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			if (!redis.isAlive()) {
				throw new DevStackException("Redis exited with code " + redis.exitValue() + " before it answered on port "
						+ port + "; its output above says why");
			}
			if (answersPing(port)) {
				return;
			}
			pause();
		}
		redis.kill();
		throw new DevStackException("Redis did not answer PING on port " + port + " within " + STARTUP_TIMEOUT);
	}

	static boolean answersPing(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = in.readNBytes(7);
			return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DevStackException("Interrupted while waiting for Redis");
		}
	}

}
