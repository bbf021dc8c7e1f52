package io.mediafleet.scheduler.simul;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The public port of one simul bus: accepts TCP connections, asks {@link BusAdmission} whether to take each one
 * before anything is allocated for it, closes refused ones at once (RST, so no state stays behind), and splices
 * admitted ones byte for byte to the JeroMQ socket, which listens on loopback only. JeroMQ has no accept filter and
 * no connection limit: without this, every anonymous connection costs an engine, a session and two pipes (about
 * 7 KB of heap, plus garbage) for the whole handshake timeout, and a flood of them starves the bus's I/O thread
 * (issue 19).
 *
 * <p>One platform thread runs a selector over the listening socket and every spliced pair; it never blocks. A
 * pair's two buffers fill from one side and drain to the other, and a side stops being read while the other side's
 * buffer is full, so a slow peer costs its {@value #BUFFER_BYTES}-byte buffers and no more. When either side closes,
 * both are closed; the loopback side with RST, so no {@code TIME_WAIT} eats loopback ports however often peers
 * reconnect.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@link BusAdmission.Limits}: pending connections per source address and in all, connections in all.</li>
 * <li>{@value #BUFFER_BYTES} bytes per direction per admitted connection.</li>
 * </ul>
 */
final class BusGuard implements AutoCloseable {

	private static final Log log = LogFactory.getLog(BusGuard.class);

	/** Bytes buffered per direction of one connection (JeroMQ's own batch size). */
	static final int BUFFER_BYTES = 8192;

	/** Kernel accept queue: a burst of connections waits there for the guard instead of being dropped. */
	private static final int BACKLOG = 4096;

	private static final long REFUSAL_LOG_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(10);

	private static final long ACCEPT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final String name;

	private final SocketAddress target;

	private final BusAdmission admission;

	private final Selector selector;

	private final ServerSocketChannel server;

	private final SelectionKey serverKey;

	private final int port;

	private final Thread thread;

	private volatile boolean running = true;

	private long refusedSinceLog;

	private long lastRefusalLogNanos = System.nanoTime() - REFUSAL_LOG_PERIOD_NANOS;

	private long acceptPausedUntilNanos;

	/**
	 * Listens on {@code listen} and starts the guard's thread.
	 *
	 * @param name the bus's name, for the thread and the log
	 * @param listen the public address and port (port 0 picks a free one)
	 * @param target the JeroMQ socket's loopback address
	 * @param limits the bus's admission limits
	 */
	BusGuard(String name, InetSocketAddress listen, InetSocketAddress target, BusAdmission.Limits limits)
			throws IOException {
		this.name = name;
		this.target = target;
		this.admission = new BusAdmission(limits);
		this.selector = Selector.open();
		try {
			this.server = ServerSocketChannel.open();
			this.server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			this.server.bind(listen, BACKLOG);
			this.server.configureBlocking(false);
			this.serverKey = this.server.register(this.selector, SelectionKey.OP_ACCEPT);
			this.port = ((InetSocketAddress) this.server.getLocalAddress()).getPort();
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly();
			throw ex;
		}
		this.thread = Thread.ofPlatform().name("simul-guard-" + name).daemon().unstarted(this::run);
		this.thread.start();
	}

	/** The public port. */
	int port() {
		return this.port;
	}

	private void run() {
		try {
			while (this.running) {
				long now = System.nanoTime();
				long untilSettle = this.admission.settle(now);
				if (this.serverKey.interestOps() == 0 && now - this.acceptPausedUntilNanos >= 0) {
					this.serverKey.interestOps(SelectionKey.OP_ACCEPT);
				}
				long waitMs = Math.min(1000, TimeUnit.NANOSECONDS.toMillis(Math.min(untilSettle,
						TimeUnit.SECONDS.toNanos(1))) + 1);
				this.selector.select(waitMs);
				Iterator<SelectionKey> keys = this.selector.selectedKeys().iterator();
				while (keys.hasNext()) {
					SelectionKey key = keys.next();
					keys.remove();
					if (!key.isValid()) {
						continue;
					}
					if (key == this.serverKey) {
						acceptAll();
					}
					else {
						Splice splice = (Splice) key.attachment();
						try {
							splice.ready(key);
						}
						catch (RuntimeException ex) {
							log.warn("Simul " + this.name + " bus guard dropped a connection", ex);
							splice.close();
						}
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			if (this.running) {
				log.error("Simul " + this.name + " bus guard stopped; the bus no longer accepts connections", ex);
			}
		}
		finally {
			for (SelectionKey key : this.selector.keys()) {
				if (key.attachment() instanceof Splice splice) {
					splice.close();
				}
			}
			closeQuietly();
		}
	}

	private void acceptAll() {
		while (true) {
			SocketChannel client;
			try {
				client = this.server.accept();
			}
			catch (IOException ex) {
				// Out of file descriptors, most likely: stop accepting for a moment instead of spinning on it.
				log.warn("Simul " + this.name + " bus guard cannot accept: " + ex.getMessage());
				this.serverKey.interestOps(0);
				this.acceptPausedUntilNanos = System.nanoTime() + ACCEPT_PAUSE_NANOS;
				return;
			}
			if (client == null) {
				return;
			}
			admit(client);
		}
	}

	private void admit(SocketChannel client) {
		BusAdmission.Ticket ticket = null;
		Splice splice = null;
		try {
			InetSocketAddress from = (InetSocketAddress) client.getRemoteAddress();
			ticket = this.admission.admit(from.getAddress(), System.nanoTime());
			if (ticket == null) {
				refused(from);
				closeChannel(client, true);
				return;
			}
			client.configureBlocking(false);
			client.setOption(StandardSocketOptions.TCP_NODELAY, true);
			splice = new Splice(client, SocketChannel.open(), ticket);
			splice.upstream.configureBlocking(false);
			splice.upstream.setOption(StandardSocketOptions.TCP_NODELAY, true);
			splice.clientKey = client.register(this.selector, 0, splice);
			splice.upstreamKey = splice.upstream.register(this.selector, SelectionKey.OP_CONNECT, splice);
			if (splice.upstream.connect(this.target)) {
				splice.connected();
			}
		}
		catch (IOException ex) {
			// The peer left while being admitted (reset before getRemoteAddress), or loopback refused us.
			if (splice != null) {
				splice.close();
			}
			else {
				if (ticket != null) {
					this.admission.release(ticket);
				}
				closeChannel(client, true);
			}
		}
	}

	private void refused(InetSocketAddress from) {
		this.refusedSinceLog++;
		long now = System.nanoTime();
		if (now - this.lastRefusalLogNanos >= REFUSAL_LOG_PERIOD_NANOS) {
			log.warn("Simul " + this.name + " bus refused " + this.refusedSinceLog + " connection(s) at accept in the "
					+ "last " + TimeUnit.NANOSECONDS.toSeconds(REFUSAL_LOG_PERIOD_NANOS) + " s at most (limits: "
					+ this.admission.limits() + "; refused so far per address " + refusedCount(BusAdmission.Refusal.ADDRESS)
					+ ", pending " + refusedCount(BusAdmission.Refusal.PENDING) + ", total "
					+ refusedCount(BusAdmission.Refusal.CONNECTIONS) + "); latest from " + from.getAddress().getHostAddress());
			this.refusedSinceLog = 0;
			this.lastRefusalLogNanos = now;
		}
	}

	private long refusedCount(BusAdmission.Refusal reason) {
		return this.admission.refused(reason);
	}

	private static void closeChannel(SocketChannel channel, boolean reset) {
		try {
			if (reset && channel.isOpen()) {
				channel.setOption(StandardSocketOptions.SO_LINGER, 0);
			}
		}
		catch (IOException ex) {
			// Already reset by the peer: closing is all that is left.
		}
		try {
			channel.close();
		}
		catch (IOException ex) {
			// Nothing more to release.
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.selector.wakeup();
		try {
			this.thread.join(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.thread.isAlive()) {
			log.warn("Simul " + this.name + " bus guard did not stop within 2 s");
		}
	}

	private void closeQuietly() {
		try {
			if (this.server != null) {
				this.server.close();
			}
		}
		catch (IOException ex) {
			// Closing anyway.
		}
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
	}

	/** One admitted connection and its loopback twin, with a buffer per direction. */
	private final class Splice {

		private final SocketChannel client;

		private final SocketChannel upstream;

		private final BusAdmission.Ticket ticket;

		/** Read from the client, written to the bus; in fill mode (position = bytes held). */
		private final ByteBuffer toUpstream = ByteBuffer.allocate(BUFFER_BYTES);

		/** Read from the bus, written to the client; in fill mode. */
		private final ByteBuffer toClient = ByteBuffer.allocate(BUFFER_BYTES);

		private @Nullable SelectionKey clientKey;

		private @Nullable SelectionKey upstreamKey;

		private boolean upstreamConnected;

		private boolean closed;

		Splice(SocketChannel client, SocketChannel upstream, BusAdmission.Ticket ticket) {
			this.client = client;
			this.upstream = upstream;
			this.ticket = ticket;
		}

		void connected() {
			this.upstreamConnected = true;
			interest();
		}

		void ready(SelectionKey key) {
			try {
				if (key == this.upstreamKey && key.isConnectable()) {
					if (!this.upstream.finishConnect()) {
						return;
					}
					this.upstreamConnected = true;
				}
				if (key.isReadable()) {
					boolean fromClient = key == this.clientKey;
					SocketChannel source = fromClient ? this.client : this.upstream;
					if (source.read(fromClient ? this.toUpstream : this.toClient) < 0) {
						if (fromClient) {
							// Hand the bus what the peer sent last (a final advise) before dropping the pair.
							flush(this.toUpstream, this.upstream);
						}
						close();
						return;
					}
				}
				flush(this.toUpstream, this.upstream);
				flush(this.toClient, this.client);
				interest();
			}
			catch (IOException ex) {
				close();
			}
		}

		private void flush(ByteBuffer buffer, SocketChannel destination) throws IOException {
			if (buffer.position() == 0 || (destination == this.upstream && !this.upstreamConnected)) {
				return;
			}
			buffer.flip();
			try {
				destination.write(buffer);
			}
			finally {
				buffer.compact();
			}
		}

		private void interest() {
			if (this.closed) {
				return;
			}
			int clientOps = (this.toUpstream.hasRemaining() ? SelectionKey.OP_READ : 0)
					| ((this.toClient.position() > 0) ? SelectionKey.OP_WRITE : 0);
			int upstreamOps = !this.upstreamConnected ? SelectionKey.OP_CONNECT
					: (this.toClient.hasRemaining() ? SelectionKey.OP_READ : 0)
							| ((this.toUpstream.position() > 0) ? SelectionKey.OP_WRITE : 0);
			this.clientKey.interestOps(clientOps);
			this.upstreamKey.interestOps(upstreamOps);
		}

		void close() {
			if (this.closed) {
				return;
			}
			this.closed = true;
			BusGuard.this.admission.release(this.ticket);
			closeChannel(this.client, false);
			// RST on loopback: the bus is ours, and an orderly close would park a loopback port in TIME_WAIT.
			closeChannel(this.upstream, true);
		}

	}

}
