package io.mediafleet.scheduler.irc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A raw-socket IRC client for tests: registers, joins, sends lines and waits for lines from the server.
 */
final class IrcTestClient implements AutoCloseable {

	private final Socket socket;

	private final OutputStream out;

	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	private final List<String> seen = new ArrayList<>();

	private final java.util.Set<Integer> claimed = new java.util.HashSet<>();

	IrcTestClient(int port, String nick) throws IOException {
		this.socket = new Socket("127.0.0.1", port);
		this.out = this.socket.getOutputStream();
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
		Thread.ofPlatform().daemon().name("irc-test-" + nick).start(() -> {
			try {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					if (line.startsWith("PING ")) {
						send("PONG " + line.substring(5));
					}
					this.received.add(line);
				}
			}
			catch (IOException ex) {
				// Socket closed.
			}
		});
		send("NICK " + nick);
		send("USER " + nick + " 0 * :test user");
		expect((line) -> line.contains(" 001 "), Duration.ofSeconds(20));
	}

	void send(String line) {
		try {
			synchronized (this.out) {
				this.out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
				this.out.flush();
			}
		}
		catch (IOException ex) {
			throw new AssertionError("cannot send to the IRC server", ex);
		}
	}

	void join(String channel) {
		send("JOIN " + channel);
		expect((line) -> line.contains(" 366 "), Duration.ofSeconds(20));
	}

	void say(String target, String text) {
		send("PRIVMSG " + target + " :" + text);
	}

	/**
	 * Returns the first line received so far or within {@code within} that matches and was not returned before,
	 * so that the order in which the bot's replies and announcements interleave does not matter.
	 */
	String expect(Predicate<String> match, Duration within) {
		for (int i = 0; i < this.seen.size(); i++) {
			if (!this.claimed.contains(i) && match.test(this.seen.get(i))) {
				this.claimed.add(i);
				return this.seen.get(i);
			}
		}
		long deadline = System.nanoTime() + within.toNanos();
		try {
			while (true) {
				long left = deadline - System.nanoTime();
				String line = this.received.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
				if (line == null) {
					throw new AssertionError("no matching IRC line within " + within + "; received: " + this.seen);
				}
				this.seen.add(line);
				if (match.test(line)) {
					this.claimed.add(this.seen.size() - 1);
					return line;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** Waits for a PRIVMSG to {@code target} whose text contains {@code text}; returns the text. */
	String expectMessage(String target, String text, Duration within) {
		String line = expect((candidate) -> candidate.contains(" PRIVMSG " + target + " :")
				&& candidate.substring(candidate.indexOf(" PRIVMSG ")).contains(text), within);
		return line.substring(line.indexOf(" :", line.indexOf(" PRIVMSG ")) + 2);
	}

	@Override
	public void close() throws IOException {
		try {
			send("QUIT :bye");
		}
		catch (AssertionError ex) {
			// Already gone.
		}
		this.socket.close();
	}

}
