package io.mediafleet.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An IRC server for the simul bot, started only with {@code --irc}: ngircd in the foreground on loopback, with a
 * minimal configuration written to its working directory.
 */
final class IrcServer {

	/** The nick allowed to steer simuls ({@code !simul}, {@code !start}, {@code !stop}); anyone may ask. */
	static final String OPERATOR = "demo";

	/** The channel the scheduler's bot joins by default. */
	static final String CHANNEL = "#mediafleet";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

	private static final List<String> LOCATIONS = List.of("/usr/sbin/ngircd", "/usr/bin/ngircd",
			"/usr/local/sbin/ngircd");

	private IrcServer() {
	}

	/**
	 * Starts ngircd on loopback {@code port} and waits until it accepts connections.
	 * @throws DevStackException when ngircd is not installed or does not come up
	 */
	static ChildProcess start(int port, Path workingDirectory, Output output) throws IOException {
		String ngircd = LOCATIONS.stream()
			.filter((candidate) -> Files.isExecutable(Path.of(candidate)))
			.findFirst()
			.orElseThrow(() -> new DevStackException(
					"--irc needs ngircd (Debian package ngircd), found in none of " + LOCATIONS));
		Files.createDirectories(workingDirectory);
		Path conf = workingDirectory.resolve("ngircd.conf");
		Files.writeString(conf, """
				[Global]
				Name = irc.devstack.invalid
				Info = Mediafleet devstack
				AdminInfo1 = devstack
				AdminEMail = devstack@devstack.invalid
				Listen = 127.0.0.1
				Ports = %d
				MotdPhrase = Mediafleet devstack: the simul bot is in %s
				[Limits]
				MaxNickLength = 30
				PingTimeout = 120
				PongTimeout = 20
				[Options]
				DNS = no
				Ident = no
				PAM = no
				""".formatted(port, CHANNEL));
		ChildProcess server = ChildProcess.start("ngircd", List.of(ngircd, "-n", "-f", conf.toString()), Map.of(),
				workingDirectory, output);
		Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
		while (!accepts(port)) {
			if (!server.isAlive() || Instant.now().isAfter(deadline)) {
				server.kill();
				throw new DevStackException("ngircd did not accept connections on port " + port + " within "
						+ STARTUP_TIMEOUT.toSeconds() + " s; its output above says why");
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				server.kill();
				throw new DevStackException("Interrupted while waiting for ngircd");
			}
		}
		return server;
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
