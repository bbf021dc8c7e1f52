package io.mediafleet.tsppeer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import io.mediafleet.schema.codec.CodecException;
import io.mediafleet.schema.tsp.TspEncoder;
import io.mediafleet.schema.tsp.TspFrame;
import io.mediafleet.schema.tsp.TspType;

/**
 * Serves {@code PLAY} requests of other peers for songs of this peer's own catalogue: answers a {@code PLAY}
 * frame whose payload is the file, read from disk in chunks; {@code STOP} during a transfer (or a closed
 * connection) aborts it by closing the connection; anything not hosted gets {@code ERROR}.
 *
 * <p>One virtual thread per connection. Example exchange: {@code 03 00 00 00 07 00 00 00 00} (PLAY song 7) is
 * answered by {@code 03 00 00 00 07 <4-byte size> <mp3 bytes>}.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@link Settings#maxConnections()}: most connections served at once (default 64); further connections get
 * {@code ERROR} and are closed.</li>
 * <li>{@link Settings#maxConnectionsPerAddress()}: most of those from one source address (default 8), so one host
 * cannot take every slot; further ones from it get {@code ERROR} and are closed.</li>
 * <li>{@link Settings#idleTimeout()}: a connection sending nothing this long is closed (default 30 s).</li>
 * <li>Requests are header-only, so the decoder buffers at most {@value #MAX_REQUEST_PAYLOAD} payload bytes.</li>
 * </ul>
 */
public final class PeerServer implements AutoCloseable {

	static final int MAX_REQUEST_PAYLOAD = 4 * 1024;

	private static final int CHUNK_BYTES = 64 * 1024;

	private static final TspEncoder ENCODER = new TspEncoder();

	private final SongSource songs;

	private final Settings settings;

	private final ServerSocket server;

	private final Semaphore slots;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	/** Connections served per source address; an address leaves the map with its last connection. */
	private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

	private final AtomicLong served = new AtomicLong();

	private final AtomicLong refused = new AtomicLong();

	private final AtomicLong aborted = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	private final AtomicLong bytesSent = new AtomicLong();

	private final Thread acceptor;

	private volatile long abortAfterBytes = Long.MAX_VALUE;

	private volatile boolean closed;

	/**
	 * Listens on {@code bindAddress:port} (port 0 picks a free one) and starts serving.
	 * @throws IOException if the port cannot be bound
	 */
	public PeerServer(String bindAddress, int port, SongSource songs, Settings settings) throws IOException {
		this.songs = Objects.requireNonNull(songs, "songs");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.slots = new Semaphore(settings.maxConnections());
		this.server = new ServerSocket();
		this.server.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 128);
		this.acceptor = Thread.ofPlatform().daemon().name("tsp-peer-server-" + port()).start(this::accept);
	}

	/** The port actually listened on. */
	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Fault injection for tests of failing transfers: after this many bytes of any {@code PLAY} payload the
	 * connection is closed, as if this peer had died mid-transfer. {@link Long#MAX_VALUE} (the default) turns it off.
	 */
	public void abortTransfersAfter(long bytes) {
		this.abortAfterBytes = bytes;
	}

	/** Counters since start. */
	public Stats stats() {
		return new Stats(this.served.get(), this.refused.get(), this.aborted.get(), this.errors.get(),
				this.bytesSent.get(), this.open.size());
	}

	/** Stops listening and closes every connection, aborting transfers. */
	@Override
	public void close() {
		this.closed = true;
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		for (Socket socket : this.open) {
			closeQuietly(socket);
		}
	}

	private void accept() {
		while (!this.closed) {
			Socket socket;
			try {
				socket = this.server.accept();
			}
			catch (IOException ex) {
				if (this.closed) {
					return;
				}
				continue;
			}
			InetAddress source = socket.getInetAddress();
			if (!admit(source)) {
				refuse(socket, "peer busy: more than " + this.settings.maxConnectionsPerAddress()
						+ " connections from your address");
				continue;
			}
			if (!this.slots.tryAcquire()) {
				release(source);
				refuse(socket, "peer busy: more than " + this.settings.maxConnections() + " connections");
				continue;
			}
			this.open.add(socket);
			Thread.ofVirtual().name("tsp-peer-connection").start(() -> {
				try {
					serve(socket);
				}
				finally {
					this.open.remove(socket);
					closeQuietly(socket);
					this.slots.release();
					release(source);
				}
			});
		}
	}

	private boolean admit(InetAddress source) {
		boolean[] admitted = { false };
		this.perAddress.compute(source, (key, count) -> {
			int now = (count != null) ? count : 0;
			if (now >= this.settings.maxConnectionsPerAddress()) {
				return count;
			}
			admitted[0] = true;
			return now + 1;
		});
		return admitted[0];
	}

	private void release(InetAddress source) {
		this.perAddress.computeIfPresent(source, (key, count) -> (count <= 1) ? null : count - 1);
	}

	private void refuse(Socket socket, String reason) {
		this.refused.incrementAndGet();
		try (socket) {
			socket.setSoTimeout(1000);
			socket.getOutputStream().write(ENCODER.encode(TspFrame.error(TspFrame.NO_SONG, reason)));
		}
		catch (IOException ex) {
			// refusing anyway
		}
	}

	private void serve(Socket socket) {
		try {
			socket.setSoTimeout((int) this.settings.idleTimeout().toMillis());
			socket.setTcpNoDelay(true);
			FrameSocket frames = new FrameSocket(socket, MAX_REQUEST_PAYLOAD, null);
			for (TspFrame frame = frames.next(); frame != null && !this.closed; frame = frames.next()) {
				if (!answer(frame, frames)) {
					return;
				}
			}
		}
		catch (SocketTimeoutException ex) {
			this.errors.incrementAndGet();
		}
		catch (CodecException ex) {
			// framing lost: tell the requester if it still listens, then close
			this.errors.incrementAndGet();
			sendQuietly(socket, TspFrame.error(TspFrame.NO_SONG, ex.getMessage()));
		}
		catch (IOException ex) {
			// the requester went away
		}
	}

	/** @return whether the connection stays open */
	private boolean answer(TspFrame frame, FrameSocket frames) throws IOException {
		return switch (frame.type()) {
			case PLAY -> play(frame.songId(), frames);
			case STOP, QUIT -> false;
			case ERROR -> true;
			default -> {
				this.errors.incrementAndGet();
				frames.send(TspFrame.error(frame.songId(), frame.type() + " goes to the tracker; a peer answers PLAY"));
				yield true;
			}
		};
	}

	private boolean play(int songId, FrameSocket frames) throws IOException {
		Optional<Path> file = this.songs.find(songId);
		long size = file.isPresent() ? sizeOf(file.get()) : -1;
		if (size < 0 || size > Integer.MAX_VALUE) {
			this.errors.incrementAndGet();
			frames.send(TspFrame.error(songId, "song " + songId + " is not hosted here"));
			return true;
		}
		try {
			return send(songId, file.get(), size, frames);
		}
		catch (IOException ex) {
			// the requester went away (or stopped and closed) mid-transfer
			this.aborted.incrementAndGet();
			return false;
		}
	}

	private boolean send(int songId, Path file, long size, FrameSocket frames) throws IOException {
		frames.sendBytes(ENCODER.encodeHeader(TspType.PLAY, songId, (int) size));
		long limit = this.abortAfterBytes;
		long sent = 0;
		byte[] chunk = new byte[CHUNK_BYTES];
		try (InputStream in = Files.newInputStream(file)) {
			while (sent < size) {
				int n = in.read(chunk, 0, (int) Math.min(chunk.length, size - sent));
				if (n < 0) {
					// the file shrank under us: the frame cannot be completed
					this.aborted.incrementAndGet();
					return false;
				}
				if (sent + n > limit) {
					frames.sendBytes(chunk, 0, (int) (limit - sent));
					frames.flush();
					this.aborted.incrementAndGet();
					return false;
				}
				frames.sendBytes(chunk, 0, n);
				sent += n;
				this.bytesSent.addAndGet(n);
				if (stopRequested(frames)) {
					this.aborted.incrementAndGet();
					return false;
				}
			}
			frames.flush();
		}
		this.served.incrementAndGet();
		return true;
	}

	/** Reads whatever arrived meanwhile without blocking; a {@code STOP} among it aborts the transfer. */
	private boolean stopRequested(FrameSocket frames) throws IOException {
		if (frames.available() <= 0) {
			return false;
		}
		frames.readSome();
		// STOP ends the transfer; so does anything else, since a requester waits for the answer before asking again
		return frames.poll() != null;
	}

	private static long sizeOf(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static void sendQuietly(Socket socket, TspFrame frame) {
		try {
			socket.getOutputStream().write(ENCODER.encode(frame));
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/**
	 * Limits of a peer server.
	 *
	 * @param maxConnections most connections at once
	 * @param idleTimeout longest silence of a requester before its connection is closed
	 * @param maxConnectionsPerAddress most connections at once from one source address
	 */
	public record Settings(int maxConnections, Duration idleTimeout, int maxConnectionsPerAddress) {

		/** 64 connections, 8 of them from one address, 30 s idle timeout. */
		public static final Settings DEFAULTS = new Settings(64, Duration.ofSeconds(30), 8);

		public Settings {
			if (maxConnections < 1) {
				throw new IllegalArgumentException("maxConnections must be positive but was " + maxConnections);
			}
			if (maxConnectionsPerAddress < 1) {
				throw new IllegalArgumentException(
						"maxConnectionsPerAddress must be positive but was " + maxConnectionsPerAddress);
			}
			if (idleTimeout.isNegative() || idleTimeout.isZero() || idleTimeout.toMillis() > Integer.MAX_VALUE) {
				throw new IllegalArgumentException("idleTimeout must be positive but was " + idleTimeout);
			}
		}

		/** {@code maxConnections} at once, all of them from one address if need be. */
		public Settings(int maxConnections, Duration idleTimeout) {
			this(maxConnections, idleTimeout, maxConnections);
		}

	}

	/**
	 * What a peer server did since it started.
	 *
	 * @param served transfers completed
	 * @param refused connections refused because all slots were taken, or all of their address's
	 * @param aborted transfers ended early ({@code STOP}, closed connection, fault injection)
	 * @param errors requests answered with {@code ERROR} or closed for bad framing or idleness
	 * @param bytesSent mp3 bytes sent
	 * @param openConnections connections open now
	 */
	public record Stats(long served, long refused, long aborted, long errors, long bytesSent, int openConnections) {

	}

}
