package io.mediafleet.tracker.tracker;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.mediafleet.schema.tsp.TspEncoder;
import io.mediafleet.schema.tsp.TspFrame;
import io.mediafleet.schema.tsp.TspPayloads;
import io.mediafleet.schema.tsp.TspType;
import io.mediafleet.tracker.TrackerProperties;

/**
 * The tracker's TSP endpoint: a Netty server on native epoll event loops (NIO where epoll does not load); every
 * connection gets a {@link TspSession} that frames its bytes with the schema's {@code TspDecoder}. Catalogue changes
 * are coalesced into one {@code BROADCAST_LIST} per {@code broadcastWindow}, written to every announced peer from one
 * shared buffer (a delta to peers that asked for deltas).
 *
 * <h2>Parameters to control memory consumption</h2>
 * See {@link TrackerProperties.Tsp}: {@code maxPayload} per frame, {@code maxLineLength}/{@code maxLines} per
 * {@code INIT}, {@code maxConnections}, {@code maxSongs}, {@code idleTimeout}. A peer that does not read stops
 * being read from (its outbound buffer above the high water mark) and receives only the newest broadcast once it
 * drains, so the tracker never queues more than one catalogue and one batch of answers per connection.
 */
public final class TspServer {

	private static final Log log = LogFactory.getLog(TspServer.class);

	private static final TspEncoder ENCODER = new TspEncoder();

	private static final int LOW_WATER_MARK = 256 * 1024;

	private static final int HIGH_WATER_MARK = 1024 * 1024;

	final TrackerProperties.Tsp settings;

	final Catalogue catalogue;

	final TrackerMetrics metrics;

	final TspPayloads payloads;

	final PeerAdmission admission;

	private final Map<Long, TspSession> sessions = new ConcurrentHashMap<>();

	private final AtomicLong nextSessionId = new AtomicLong(1);

	private final AtomicInteger connections = new AtomicInteger();

	/** Open connections per source address; an address leaves the map when its last connection closes. */
	private final Map<InetAddress, AtomicInteger> connectionsPerAddress = new ConcurrentHashMap<>();

	private final AtomicBoolean broadcastScheduled = new AtomicBoolean();

	private @Nullable EventLoopGroup bossGroup;

	private @Nullable EventLoopGroup workerGroup;

	/**
	 * The one event loop every broadcast runs on: broadcasts never overlap, so each channel receives them in order
	 * (a delta always follows the broadcast it is relative to).
	 */
	private volatile @Nullable EventLoop broadcaster;

	private @Nullable Channel serverChannel;

	TspServer(TrackerProperties.Tsp settings, Catalogue catalogue, TrackerMetrics metrics, PeerAdmission admission) {
		this.settings = settings;
		this.catalogue = catalogue;
		this.metrics = metrics;
		this.admission = admission;
		this.payloads = new TspPayloads(settings.maxLineLength(), settings.maxLines());
	}

	/** Binds the port and starts accepting. */
	synchronized void start() throws InterruptedException {
		if (this.serverChannel != null) {
			return;
		}
		boolean epoll = this.settings.nativeTransport() && Epoll.isAvailable();
		IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
		EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, io);
		// event loops are CPU-bound: more of them than cores only makes them preempt each other (and the clients)
		int threads = (this.settings.workerThreads() > 0) ? this.settings.workerThreads()
				: Runtime.getRuntime().availableProcessors();
		MultiThreadIoEventLoopGroup workers = new MultiThreadIoEventLoopGroup(threads, io);
		ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers)
			.channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
			.option(ChannelOption.SO_BACKLOG, 1024)
			.option(ChannelOption.SO_REUSEADDR, true)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childOption(ChannelOption.SO_KEEPALIVE, true)
			.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK))
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					long idleMillis = TspServer.this.settings.idleTimeout().toMillis();
					channel.pipeline()
						.addLast("idle", new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS))
						.addLast("tsp", new TspSession(TspServer.this, TspServer.this.nextSessionId.getAndIncrement()));
				}
			});
		try {
			this.serverChannel = bootstrap
				.bind(new InetSocketAddress(this.settings.bindAddress(), this.settings.port()))
				.sync()
				.channel();
		}
		catch (InterruptedException | RuntimeException ex) {
			boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
			workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
			throw ex;
		}
		this.bossGroup = boss;
		this.workerGroup = workers;
		this.broadcaster = workers.next();
		log.info("TSP tracker listening on " + this.serverChannel.localAddress() + " ("
				+ (epoll ? "native epoll" : "NIO") + " transport, " + workers.executorCount() + " event loops)");
		if (this.settings.nativeTransport() && !epoll) {
			log.info("native epoll transport not available here, using NIO: " + Epoll.unavailabilityCause());
		}
	}

	/** Closes every connection and the port. */
	synchronized void stop() {
		Channel server = this.serverChannel;
		if (server == null) {
			return;
		}
		server.close().awaitUninterruptibly();
		for (TspSession session : this.sessions.values()) {
			session.channel().close();
		}
		shutdown(this.bossGroup);
		shutdown(this.workerGroup);
		this.serverChannel = null;
	}

	private static void shutdown(@Nullable EventLoopGroup group) {
		if (group != null) {
			group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
		}
	}

	/** Whether the port is open. */
	public synchronized boolean isRunning() {
		return this.serverChannel != null;
	}

	/** The port listened on (the real one when configured as 0). */
	public synchronized int port() {
		Channel server = this.serverChannel;
		if (server == null) {
			throw new IllegalStateException("the TSP server is not running");
		}
		return ((InetSocketAddress) server.localAddress()).getPort();
	}

	/** Every announced peer. */
	public List<Catalogue.PeerView> peers() {
		return this.catalogue.peers();
	}

	/** Closes a peer's connection, which drops its songs. */
	public boolean kick(long peerId) {
		TspSession session = this.sessions.get(peerId);
		if (session == null) {
			return false;
		}
		this.metrics.error(TrackerMetrics.Cause.KICKED);
		session.channel().close();
		return true;
	}

	int connectionCount() {
		return this.connections.get();
	}

	/** Why a connection was not admitted, or {@code null} when it was. */
	@Nullable String register(TspSession session, @Nullable InetAddress source) {
		if (this.connections.incrementAndGet() > this.settings.maxConnections()) {
			this.connections.decrementAndGet();
			return "tracker full: " + this.settings.maxConnections() + " connections open";
		}
		if (source != null) {
			AtomicInteger fromSource = this.connectionsPerAddress.computeIfAbsent(source, (key) -> new AtomicInteger());
			if (fromSource.incrementAndGet() > this.settings.maxConnectionsPerAddress()) {
				releaseAddress(source);
				this.connections.decrementAndGet();
				return "too many connections from your address: " + this.settings.maxConnectionsPerAddress() + " open";
			}
		}
		this.sessions.put(session.id(), session);
		return null;
	}

	private void releaseAddress(InetAddress source) {
		this.connectionsPerAddress.computeIfPresent(source, (key, count) -> (count.decrementAndGet() <= 0) ? null : count);
	}

	void unregister(TspSession session, @Nullable InetAddress source) {
		if (this.sessions.remove(session.id()) != null) {
			this.connections.decrementAndGet();
			if (source != null) {
				releaseAddress(source);
			}
			if (this.catalogue.remove(session.id())) {
				catalogueChanged();
			}
		}
	}

	Collection<TspSession> sessions() {
		return this.sessions.values();
	}

	/** Schedules a broadcast unless one is already due within the window. */
	void catalogueChanged() {
		EventLoop loop = this.broadcaster;
		if (loop == null || !this.broadcastScheduled.compareAndSet(false, true)) {
			return;
		}
		Duration window = this.settings.broadcastWindow();
		loop.schedule(this::broadcast, window.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Writes the current catalogue to every announced peer: one encoding, shared by every channel, never copied. Peers
	 * that asked for deltas and got the previous broadcast get only the entries that changed.
	 */
	private void broadcast() {
		this.broadcastScheduled.set(false);
		long start = System.nanoTime();
		Catalogue.BroadcastSnapshot snapshot = this.catalogue.broadcastSnapshot();
		Broadcast broadcast = new Broadcast(snapshot.sequence(), broadcastHeader(snapshot.full().readableBytes()),
				snapshot.full(), directHeader(TspType.BROADCAST_LIST, deltaSongId(snapshot.sequence()),
						snapshot.delta().readableBytes()),
				snapshot.delta());
		try {
			List<TspSession> targets = this.sessions.values().stream().filter(TspSession::announced).toList();
			this.metrics.broadcast(targets.size());
			if (targets.isEmpty()) {
				return;
			}
			AtomicInteger remaining = new AtomicInteger(targets.size());
			ChannelFutureListener done = (future) -> {
				if (remaining.decrementAndGet() == 0) {
					this.metrics.fanout(Duration.ofNanos(System.nanoTime() - start));
				}
			};
			for (TspSession session : targets) {
				session.sendBroadcast(broadcast, done);
			}
		}
		finally {
			broadcast.release();
		}
	}

	/** The song id field of a delta {@code BROADCAST_LIST}: the broadcast's sequence number, kept positive. */
	static int deltaSongId(long sequence) {
		return (int) ((sequence - 1) % Integer.MAX_VALUE) + 1;
	}

	/**
	 * One broadcast's frames, shared by every channel: the whole catalogue (song id -1) and the delta since broadcast
	 * {@code sequence - 1} (song id {@link #deltaSongId}).
	 */
	record Broadcast(long sequence, ByteBuf fullHeader, ByteBuf full, ByteBuf deltaHeader, ByteBuf delta) {

		void release() {
			this.fullHeader.release();
			this.full.release();
			this.deltaHeader.release();
			this.delta.release();
		}

	}

	/** The header of a {@code BROADCAST_LIST} frame, in a direct buffer a broadcast shares between channels. */
	static ByteBuf broadcastHeader(int payloadLength) {
		return directHeader(TspType.BROADCAST_LIST, TspFrame.NO_SONG, payloadLength);
	}

	private static ByteBuf directHeader(TspType type, int songId, int payloadLength) {
		byte[] header = header(type, songId, payloadLength);
		return Unpooled.directBuffer(header.length, header.length).writeBytes(header);
	}

	static byte[] header(TspType type, int songId, int payloadLength) {
		return ENCODER.encodeHeader(type, songId, payloadLength);
	}

	static byte[] encode(TspFrame frame) {
		return ENCODER.encode(frame);
	}

	static ByteBuf frame(TspFrame frame) {
		return Unpooled.wrappedBuffer(ENCODER.encode(frame));
	}

}
