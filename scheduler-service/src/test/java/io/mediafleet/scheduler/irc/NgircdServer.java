package io.mediafleet.scheduler.irc;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real ngircd on a free loopback port, started in the foreground ({@code ngircd -n}) with a minimal
 * configuration written to a temporary directory.
 */
final class NgircdServer implements AutoCloseable {

	private final Path directory;

	private final int port;

	private Process process;

	NgircdServer(Path directory) throws IOException {
		this.directory = directory;
		try (ServerSocket probe = new ServerSocket(0)) {
			this.port = probe.getLocalPort();
		}
		start();
	}

	int port() {
		return this.port;
	}

	/** (Re)starts the server on the same port and waits until it accepts connections. */
	void start() throws IOException {
		Path conf = this.directory.resolve("ngircd.conf");
		Files.writeString(conf, """
				[Global]
				Name = irc.test.invalid
				Info = Mediafleet test server
				AdminInfo1 = test
				AdminEMail = test@test.invalid
				Listen = 127.0.0.1
				Ports = %d
				MotdPhrase = test
				[Limits]
				MaxNickLength = 30
				PingTimeout = 120
				PongTimeout = 20
				[Options]
				DNS = no
				Ident = no
				PAM = no
				""".formatted(this.port));
		this.process = new ProcessBuilder(ngircd(), "-n", "-f", conf.toString()).redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("ngircd.log").toFile())
			.start();
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				return true;
			}
		});
	}

	/** Stops the server (SIGTERM) and waits for it to exit. */
	void stop() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static String ngircd() {
		for (String candidate : new String[] { "/usr/sbin/ngircd", "/usr/bin/ngircd", "/usr/local/sbin/ngircd" }) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		throw new AssertionError("The IRC test needs ngircd (Debian package ngircd), which is not installed");
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

}
