package io.mediafleet.burner.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mediafleet.burner.burn.BurnEngine;
import io.mediafleet.burner.burn.BurnReporter;
import io.mediafleet.burner.burn.IsoLibrary;
import io.mediafleet.schema.burn.BurnCodecException;
import io.mediafleet.schema.burn.BurnDecoder;
import io.mediafleet.schema.burn.BurnEncoder;
import io.mediafleet.schema.burn.BurnErrorCodes;
import io.mediafleet.schema.burn.BurnMessage;
import io.mediafleet.schema.burn.BurnerType;
import io.mediafleet.schema.burn.ClientType;
import io.mediafleet.schema.burn.DriveState;
import io.mediafleet.schema.burn.Media;
import io.mediafleet.schema.burn.Verdict;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A burner on the TCP line protocol: identifies with its UID, authenticates with its token ({@code AUTH}, a link JWT
 * of role {@code slave}) when it has one, announces its images once the master answers {@code CAPAB}, reports idle
 * status every interval, burns on {@code BURN}, ejects on {@code OPEN}; reconnects with backoff when the connection
 * drops. A burn goes on while the master is away; its reports go to the connection of the moment. A verdict the
 * master has not answered (with {@code OPEN} or the next {@code BURN}) is sent again on the next connection, right
 * after {@code CAP} and before any idle report: a master that lost it (killed, or the connection dropped) then counts
 * the disc instead of burning the copy again; one that had it ignores the repeat (docs/protocols/burn.md).
 */
public final class TcpBurnerClient implements AutoCloseable {

	private static final Log log = LogFactory.getLog(TcpBurnerClient.class);

	private final String host;

	private final int port;

	private final String uid;

	private final BurnerType type;

	private final IsoLibrary library;

	private final BurnEngine engine;

	private final Duration statusInterval;

	private final Duration reconnectDelay;

	private final @Nullable String token;

	/** Whether the master has admitted this connection ({@code CAPAB} received); idle reports wait for it. */
	private volatile boolean admitted;

	private final BurnEncoder encoder = new BurnEncoder();

	private volatile @Nullable Socket socket;

	private volatile boolean closed;

	private @Nullable Thread thread;

	/** The last verdict, until the master answers it ({@code OPEN} or the next {@code BURN}). */
	private volatile BurnMessage.@Nullable VerifiedStatus unanswered;

	/**
	 * @param token the {@code slave} link JWT sent with {@code AUTH} after {@code ID}; {@code null} for a master that
	 * lets this burner in anonymously
	 */
	public TcpBurnerClient(String host, int port, String uid, BurnerType type, IsoLibrary library, BurnEngine engine,
			Duration statusInterval, Duration reconnectDelay, @Nullable String token) {
		this.host = host;
		this.port = port;
		this.uid = uid;
		this.type = type;
		this.library = library;
		this.engine = engine;
		this.statusInterval = statusInterval;
		this.reconnectDelay = reconnectDelay;
		this.token = (token != null && !token.isBlank()) ? token.strip() : null;
	}

	public synchronized void start() {
		this.thread = Thread.ofVirtual().name("burner-tcp").start(this::runForever);
	}

	private void runForever() {
		Duration delay = this.reconnectDelay;
		while (!this.closed) {
			try (Socket connection = new Socket()) {
				connection.connect(new InetSocketAddress(this.host, this.port), 10_000);
				this.admitted = false;
				this.socket = connection;
				delay = this.reconnectDelay;
				session(connection);
			}
			catch (IOException | BurnCodecException ex) {
				if (!this.closed) {
					log.info("Burn master " + this.host + ":" + this.port + " unreachable or gone: " + ex.getMessage());
				}
			}
			this.socket = null;
			if (this.closed) {
				return;
			}
			try {
				Thread.sleep(delay);
			}
			catch (InterruptedException ex) {
				return;
			}
			delay = delay.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
					: delay.multipliedBy(2);
		}
	}

	private void session(Socket connection) throws IOException {
		InputStream in = connection.getInputStream();
		OutputStream out = connection.getOutputStream();
		BurnDecoder decoder = new BurnDecoder();
		Thread status = Thread.ofVirtual().name("burner-tcp-status").start(() -> idleReports(connection));
		try {
			byte[] chunk = new byte[8192];
			int n;
			while ((n = in.read(chunk)) >= 0) {
				ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
				while (buffer.hasRemaining()) {
					try {
						decoder.decode(buffer, (message) -> handle(message, out));
					}
					catch (BurnCodecException ex) {
						if (!ex.isFramingIntact()) {
							throw ex;
						}
						log.info("Bad message from the master: " + ex.getMessage());
					}
				}
			}
		}
		finally {
			status.interrupt();
		}
	}

	private void handle(BurnMessage message, OutputStream out) {
		switch (message) {
			case BurnMessage.Ident ident -> {
				send(BurnMessage.Id.v1(this.type == BurnerType.BURNCDR ? ClientType.BURNCDR : ClientType.BURNDVD,
						this.uid));
				if (this.token != null) {
					send(new BurnMessage.Auth(this.token));
				}
			}
			case BurnMessage.Capab capab -> {
				this.admitted = true;
				List<String> hashes = new ArrayList<>();
				for (IsoLibrary.Image image : this.library.scan()) {
					hashes.add(image.hash());
				}
				send(new BurnMessage.Cap(this.type, hashes));
				String burning = this.engine.burning();
				if (burning == null) {
					BurnMessage.VerifiedStatus verdict = this.unanswered;
					if (verdict != null) {
						// Maybe lost with the previous connection: sent before any idle report, or the copy is
						// burned again. No idle report right behind it: the master answers a verdict it counts with
						// OPEN (the eject reports the drive), and an idle report racing that answer would take the
						// next copy's BURN back; one that ignores it hears the next periodic report.
						log.info("Reporting again the verdict on " + verdict.hash() + " (" + verdict.verdict()
								+ "), which the master has not answered");
						send(verdict);
					}
					else {
						send(new BurnMessage.IdleStatus(media(), DriveState.ofWire(this.engine.driveState())));
					}
				}
			}
			case BurnMessage.WhatIs what -> {
				IsoLibrary.Image image = this.library.find(what.hash());
				send((image != null) ? new BurnMessage.Info(image.hash(), image.fileName(), "")
						: new BurnMessage.InfoUnknown(what.hash()));
			}
			case BurnMessage.Burn burn -> {
				this.unanswered = null;
				String error = this.engine.burn(burn.hash(), () -> this.reporter);
				if (error != null) {
					send(new BurnMessage.ErrorReply(error, this.engine.describe(error, burn.hash())));
				}
			}
			case BurnMessage.Open open -> {
				this.unanswered = null;
				this.engine.eject(this.reporter);
			}
			case BurnMessage.ErrorReply error when BurnErrorCodes.AUTH.equals(error.code()) -> log.warn(
					"The burn master refused this burner's credential: " + error.text() + " (set "
							+ "mediafleet.burner.tcp.token to a slave token from POST /api/admin/link/tokens)");
			case BurnMessage.ErrorReply error -> log.info("Master says " + error.code() + ": " + error.text());
			default -> log.debug("Ignoring " + message.command().keyword() + " from the master");
		}
	}

	private void idleReports(Socket connection) {
		while (!connection.isClosed()) {
			try {
				Thread.sleep(this.statusInterval);
			}
			catch (InterruptedException ex) {
				return;
			}
			if (this.admitted && this.engine.mayReportIdle()) {
				send(new BurnMessage.IdleStatus(media(), DriveState.ofWire(this.engine.driveState())));
			}
		}
	}

	private Media media() {
		return (this.type == BurnerType.BURNCDR) ? Media.CDR : Media.DVD;
	}

	private final BurnReporter reporter = new BurnReporter() {

		@Override
		public void progress(String hash, int percent) {
			send(new BurnMessage.ProgressStatus(hash, percent));
		}

		@Override
		public void completed(String hash, Duration burnTime) {
			send(new BurnMessage.CompletedStatus(hash, burnTime));
		}

		@Override
		public void verified(String hash, boolean passed) {
			BurnMessage.VerifiedStatus verdict = new BurnMessage.VerifiedStatus(hash, passed ? Verdict.PASS : Verdict.FAIL);
			TcpBurnerClient.this.unanswered = verdict;
			send(verdict);
		}

		@Override
		public void error(String code, String text) {
			send(new BurnMessage.ErrorReply(code, text));
		}

		@Override
		public void idle(String driveState) {
			send(new BurnMessage.IdleStatus(media(), DriveState.ofWire(driveState)));
		}

	};

	private void send(BurnMessage message) {
		Socket connection = this.socket;
		if (connection == null) {
			return;
		}
		byte[] bytes = this.encoder.encode(message);
		synchronized (this.encoder) {
			try {
				connection.getOutputStream().write(bytes);
				connection.getOutputStream().flush();
			}
			catch (IOException ex) {
				log.debug("Lost " + message.command().keyword() + ": " + ex.getMessage());
			}
		}
	}

	@Override
	public void close() {
		this.closed = true;
		Socket connection = this.socket;
		if (connection != null) {
			try {
				connection.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
		Thread running = this.thread;
		if (running != null) {
			running.interrupt();
		}
	}

}
