package io.mediafleet.scheduler.irc;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import io.mediafleet.scheduler.SchedulerProperties;
import io.mediafleet.scheduler.simul.SimulListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * The simul IRC bot: connects to the configured server (plain or TLS), registers (optional {@code PASS}, then
 * {@code NICK}/{@code USER}, a {@code _} appended while the nick is taken), identifies to NickServ when a password
 * is set, joins the channel, answers {@code PING}, runs {@code !commands} from {@code PRIVMSG}s through
 * {@link SimulCommands} and posts the master's announcements in the channel. Reconnects with exponential backoff.
 *
 * <p>Flood control: chat lines wait in a bounded queue and leave at most {@code messageBurst} back to back, then
 * one per {@code messageInterval}; protocol replies (PONG, JOIN) skip the queue. Every line sent is stripped of
 * CR, LF and NUL and cut to 512 bytes, so text from slaves (file names, reasons) cannot inject IRC commands.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@link #MAX_QUEUED_LINES}: chat lines waiting for flood control; more are dropped and counted.</li>
 * <li>{@link IrcLine#MAX_LINE_BYTES}: longest line read or written.</li>
 * </ul>
 */
final class IrcBot implements SmartLifecycle, SimulListener {

	private static final Log log = LogFactory.getLog(IrcBot.class);

	static final int MAX_QUEUED_LINES = 200;

	private static final int CONNECT_TIMEOUT_MS = 10_000;

	// A server sends PING every few minutes; silence beyond this means the connection is dead.
	private static final int READ_TIMEOUT_MS = 330_000;

	private static final int MAX_NICK_LENGTH = 30;

	private final SchedulerProperties.Irc settings;

	private final SimulCommands commands;

	private final MeterRegistry meters;

	private final BlockingQueue<String> chat = new ArrayBlockingQueue<>(MAX_QUEUED_LINES);

	// Serialises writes from the reader (PONG, JOIN) and the flood-controlled writer; not the lifecycle lock.
	private final Object writeLock = new Object();

	private volatile boolean running;

	private volatile boolean joined;

	private @Nullable Thread connector;

	private volatile @Nullable Socket socket;

	IrcBot(SchedulerProperties.Irc settings, SimulCommands commands, MeterRegistry meters) {
		this.settings = settings;
		this.commands = commands;
		this.meters = meters;
	}

	@Override
	public synchronized void start() {
		this.running = true;
		this.connector = Thread.ofPlatform().name("irc-bot").daemon().start(this::connectLoop);
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		Socket current = this.socket;
		if (current != null) {
			try {
				writeRaw(current, "QUIT :simul bot shutting down");
			}
			catch (IOException ex) {
				// Closing anyway.
			}
			closeQuietly(current);
		}
		Thread thread = this.connector;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Whether the bot is in its channel now. */
	boolean isJoined() {
		return this.joined;
	}

	@Override
	public void announce(String text) {
		if (this.joined) {
			queue("PRIVMSG " + this.settings.channel() + " :" + text);
		}
	}

	private void connectLoop() {
		Duration backoff = this.settings.reconnectMin();
		while (this.running) {
			boolean welcomed = false;
			try (Socket connected = connect()) {
				this.socket = connected;
				this.meters.counter("mediafleet.irc.connections", "outcome", "connected").increment();
				welcomed = session(connected);
			}
			catch (IOException ex) {
				if (this.running) {
					this.meters.counter("mediafleet.irc.connections", "outcome", "failed").increment();
					log.warn("IRC connection to " + this.settings.host() + ":" + this.settings.port() + " failed: "
							+ ex.getMessage());
				}
			}
			finally {
				this.socket = null;
				this.joined = false;
			}
			if (!this.running) {
				return;
			}
			if (welcomed) {
				backoff = this.settings.reconnectMin();
			}
			log.info("Reconnecting to IRC in " + backoff.toMillis() + " ms");
			try {
				Thread.sleep(backoff);
			}
			catch (InterruptedException ex) {
				return;
			}
			Duration doubled = backoff.multipliedBy(2);
			backoff = (doubled.compareTo(this.settings.reconnectMax()) > 0) ? this.settings.reconnectMax() : doubled;
		}
	}

	private Socket connect() throws IOException {
		Socket plain = new Socket();
		try {
			plain.connect(new InetSocketAddress(this.settings.host(), this.settings.port()), CONNECT_TIMEOUT_MS);
			plain.setSoTimeout(READ_TIMEOUT_MS);
			if (!this.settings.tls()) {
				return plain;
			}
			Socket tls = ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, this.settings.host(),
					this.settings.port(), true);
			((SSLSocket) tls).startHandshake();
			return tls;
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(plain);
			throw ex;
		}
	}

	/** Runs one connection until it ends; returns whether the server welcomed us. */
	private boolean session(Socket connected) throws IOException {
		this.chat.clear();
		Thread writer = Thread.ofPlatform().name("irc-writer").daemon().start(() -> drainChat(connected));
		try {
			String nick = this.settings.nick();
			if (this.settings.serverPassword() != null) {
				writeRaw(connected, "PASS " + this.settings.serverPassword());
			}
			writeRaw(connected, "NICK " + nick);
			writeRaw(connected, "USER " + nick + " 0 * :Mediafleet simul bot");
			boolean welcomed = false;
			IrcLineReader reader = new IrcLineReader(new BufferedInputStream(connected.getInputStream()));
			for (String text = reader.readLine(); text != null && this.running; text = reader.readLine()) {
				IrcLine line = IrcLine.parse(text);
				if (line == null) {
					this.meters.counter("mediafleet.irc.lines.rejected").increment();
					continue;
				}
				switch (line.command()) {
					case "PING" -> writeRaw(connected, "PONG :" + line.param(0));
					case "001" -> {
						welcomed = true;
						if (this.settings.nickservPassword() != null) {
							writeRaw(connected, "PRIVMSG NickServ :IDENTIFY " + this.settings.nickservPassword());
						}
						writeRaw(connected, "JOIN " + this.settings.channel());
					}
					case "433" -> {
						if (!welcomed && nick.length() < MAX_NICK_LENGTH) {
							nick = nick + "_";
							writeRaw(connected, "NICK " + nick);
						}
					}
					case "JOIN" -> {
						if (nick.equalsIgnoreCase(line.nick()) && this.settings.channel().equalsIgnoreCase(line.param(0))) {
							this.joined = true;
							log.info("IRC bot joined " + this.settings.channel() + " as " + nick);
						}
					}
					case "KICK" -> {
						if (nick.equalsIgnoreCase(line.param(1))) {
							this.joined = false;
							writeRaw(connected, "JOIN " + this.settings.channel());
						}
					}
					case "PRIVMSG" -> onPrivmsg(line, nick);
					case "ERROR" -> {
						log.warn("IRC server closed the connection: " + line.param(0));
						return welcomed;
					}
					default -> {
						// Numerics and notices the bot has no use for.
					}
				}
			}
			if (reader.overlongLines() > 0) {
				this.meters.counter("mediafleet.irc.lines.overlong").increment(reader.overlongLines());
			}
			return welcomed;
		}
		finally {
			writer.interrupt();
		}
	}

	private void onPrivmsg(IrcLine line, String ownNick) {
		String from = line.nick();
		String target = line.param(0);
		String text = line.param(1);
		if (from == null || !SimulCommands.isCommand(text)) {
			return;
		}
		boolean inChannel = target.equalsIgnoreCase(this.settings.channel());
		if (!inChannel && !target.equalsIgnoreCase(ownNick)) {
			return;
		}
		String command = text.strip().split(" ", 2)[0].toLowerCase(Locale.ROOT);
		this.meters.counter("mediafleet.irc.commands", "command", knownCommand(command)).increment();
		List<String> replies;
		try {
			replies = this.commands.execute(from, text);
		}
		catch (RuntimeException ex) {
			log.error("IRC command '" + text + "' from " + from + " failed", ex);
			replies = List.of(command + " failed: internal error");
		}
		for (String reply : replies) {
			queue(inChannel ? "PRIVMSG " + this.settings.channel() + " :" + from + ": " + reply
					: "PRIVMSG " + from + " :" + reply);
		}
	}

	private static String knownCommand(String command) {
		return switch (command) {
			case "!simul", "!start", "!stop", "!pause", "!resume", "!seek", "!sync", "!status", "!slaves", "!help" ->
				command.substring(1);
			default -> "unknown";
		};
	}

	private void queue(String line) {
		if (!this.chat.offer(line)) {
			this.meters.counter("mediafleet.irc.lines.dropped").increment();
		}
	}

	// Token bucket: messageBurst lines back to back, then one per messageInterval.
	private void drainChat(Socket connected) {
		long intervalNanos = this.settings.messageInterval().toNanos();
		int burst = this.settings.messageBurst();
		double tokens = burst;
		long last = System.nanoTime();
		try {
			while (!Thread.currentThread().isInterrupted()) {
				String line = this.chat.poll(1, TimeUnit.SECONDS);
				if (line == null) {
					continue;
				}
				long now = System.nanoTime();
				tokens = (intervalNanos == 0) ? burst
						: Math.min(burst, tokens + (double) (now - last) / intervalNanos);
				last = now;
				if (tokens < 1) {
					long waitNanos = (long) ((1 - tokens) * intervalNanos);
					TimeUnit.NANOSECONDS.sleep(waitNanos);
					tokens = 1;
					last = System.nanoTime();
				}
				tokens -= 1;
				writeRaw(connected, line);
			}
		}
		catch (InterruptedException ex) {
			// Connection over.
		}
		catch (IOException ex) {
			log.debug("IRC write failed: " + ex.getMessage());
			closeQuietly(connected);
		}
	}

	/** Writes one line, cleaned of line breaks and NULs and cut to fit 512 bytes with CR LF. */
	static byte[] encodeLine(String line) {
		String clean = line.replace('\r', ' ').replace('\n', ' ').replace('\0', ' ');
		byte[] bytes = clean.getBytes(StandardCharsets.UTF_8);
		int max = IrcLine.MAX_LINE_BYTES - 2;
		int length = bytes.length;
		if (length > max) {
			length = max;
			// Do not cut a UTF-8 sequence in half.
			while (length > 0 && (bytes[length] & 0xC0) == 0x80) {
				length--;
			}
		}
		byte[] out = new byte[length + 2];
		System.arraycopy(bytes, 0, out, 0, length);
		out[length] = '\r';
		out[length + 1] = '\n';
		return out;
	}

	private void writeRaw(Socket connected, String line) throws IOException {
		byte[] bytes = encodeLine(line);
		OutputStream out = connected.getOutputStream();
		synchronized (this.writeLock) {
			out.write(bytes);
			out.flush();
		}
		this.meters.counter("mediafleet.irc.lines.sent").increment();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Nothing left to do.
		}
	}

}
