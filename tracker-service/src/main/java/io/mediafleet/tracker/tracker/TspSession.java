package io.mediafleet.tracker.tracker;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.jspecify.annotations.Nullable;

import io.mediafleet.schema.tsp.InitPayload;
import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.schema.tsp.TspCodecException;
import io.mediafleet.schema.tsp.TspDecoder;
import io.mediafleet.schema.tsp.TspFrame;
import io.mediafleet.schema.tsp.TspType;
import io.mediafleet.tracker.tracker.TrackerMetrics.Cause;

/**
 * One TSP connection to the tracker: frames its bytes with a {@link TspDecoder} (straight from Netty's buffers,
 * no copy), answers {@code LIST}, {@code INFO} and {@code INIT}, and drops the peer's songs when it quits or the
 * connection goes. Small answers (pre-encoded {@code INFO} frames, errors) of one read batch are copied into one
 * pooled direct buffer and written and flushed once when the batch ends; a whole-catalogue answer is the shared
 * encoded payload, written without a copy.
 *
 * <p>All methods except {@link #sendBroadcast} run on the channel's event loop.
 */
final class TspSession extends ChannelInboundHandlerAdapter {

	/** Song id of the {@code BROADCAST_LIST} a peer sends to ask for deltas (version 1 of the extension). */
	static final int DELTA_SUBSCRIPTION = 1;

	/** Small answers of one read batch are copied into one buffer of about this size, written once. */
	private static final int BATCH_BYTES = 16 * 1024;

	private final TspServer server;

	private final long id;

	private final TspDecoder decoder;

	private final Consumer<TspFrame> answerer = (frame) -> answer(channelContext(), frame);

	/** The context of the read in progress (the decoder's callback has no other way to reach it). */
	private @Nullable ChannelHandlerContext ctx;

	/** Answers of the read batch in progress, not yet handed to the channel; only touched on the event loop. */
	private @Nullable ByteBuf batch;

	private @Nullable Channel channel;

	/** The peer's source address, counted against its per-address limit while the connection is open. */
	private @Nullable InetAddress source;

	private volatile boolean announced;

	/** A broadcast arrived while the peer was not reading; the newest catalogue goes out once it drains. */
	private volatile boolean broadcastPending;

	/** The peer sent {@code BROADCAST_LIST 1}: it applies deltas (our extension, see docs/protocols/tsp.md). */
	private volatile boolean wantsDeltas;

	/** Sequence number of the broadcast whose catalogue this peer was last sent, or -1 if it has none. */
	private volatile long syncedBroadcast = -1;

	TspSession(TspServer server, long id) {
		this.server = server;
		this.id = id;
		this.decoder = new TspDecoder((int) server.settings.maxPayload().toBytes());
	}

	private ChannelHandlerContext channelContext() {
		ChannelHandlerContext current = this.ctx;
		if (current == null) {
			throw new IllegalStateException("session " + this.id + " decodes outside a read");
		}
		return current;
	}

	long id() {
		return this.id;
	}

	boolean announced() {
		return this.announced;
	}

	Channel channel() {
		Channel current = this.channel;
		if (current == null) {
			throw new IllegalStateException("session " + this.id + " has no channel yet");
		}
		return current;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		this.channel = ctx.channel();
		this.source = remoteAddress(ctx.channel().remoteAddress());
		String refusal = this.server.register(this, this.source);
		if (refusal != null) {
			this.server.metrics.error(Cause.FULL);
			ctx.writeAndFlush(TspServer.frame(TspFrame.error(TspFrame.NO_SONG, refusal)))
				.addListener(ChannelFutureListener.CLOSE);
			return;
		}
		ctx.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf in = (ByteBuf) msg;
		try {
			if (this.decoder.isFailed() || !ctx.channel().isActive()) {
				return;
			}
			this.ctx = ctx;
			if (in.nioBufferCount() == 1) {
				this.decoder.decode(in.internalNioBuffer(in.readerIndex(), in.readableBytes()), this.answerer);
			}
			else {
				for (ByteBuffer buffer : in.nioBuffers()) {
					this.decoder.decode(buffer, this.answerer);
				}
			}
		}
		catch (TspCodecException ex) {
			// framing is lost: nothing after this byte can be trusted, so say why and close
			this.server.metrics.error(Cause.FRAMING);
			writeBatch(ctx);
			ctx.writeAndFlush(TspServer.frame(TspFrame.error(TspFrame.NO_SONG, ex.getMessage())))
				.addListener(ChannelFutureListener.CLOSE);
		}
		finally {
			in.release();
		}
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		// one write and one flush (one syscall) for every answer to this read batch
		writeBatch(ctx);
		ctx.flush();
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		ByteBuf batch = this.batch;
		if (batch != null) {
			this.batch = null;
			batch.release();
		}
	}

	/** Copies a small answer into this read batch's buffer. */
	private void append(ChannelHandlerContext ctx, byte[] bytes) {
		ByteBuf batch = this.batch;
		if (batch != null && batch.writableBytes() < bytes.length) {
			writeBatch(ctx);
			batch = null;
		}
		if (batch == null) {
			batch = ctx.alloc().directBuffer(Math.max(BATCH_BYTES, bytes.length));
			this.batch = batch;
		}
		batch.writeBytes(bytes);
	}

	/** Hands the small answers collected so far to the channel, keeping their order with what is written next. */
	private void writeBatch(ChannelHandlerContext ctx) {
		ByteBuf batch = this.batch;
		if (batch != null) {
			this.batch = null;
			ctx.write(batch, ctx.voidPromise());
		}
	}

	private void answer(ChannelHandlerContext ctx, TspFrame frame) {
		TspType type = frame.type();
		this.server.metrics.request(type);
		switch (type) {
			case INIT -> init(ctx, frame);
			case LIST -> writeCatalogue(ctx, TspType.LIST, frame.songId());
			case INFO -> info(ctx, frame.songId());
			case QUIT -> {
				writeBatch(ctx);
				ctx.flush();
				ctx.close();
			}
			case ERROR -> {
				// never answer an error with an error: two confused ends would ping-pong forever
			}
			case BROADCAST_LIST -> {
				if (frame.songId() == DELTA_SUBSCRIPTION && frame.payloadLength() == 0) {
					// no answer: the next broadcast is whole (the base), later ones are deltas
					this.wantsDeltas = true;
					this.syncedBroadcast = -1;
				}
				else {
					unexpected(ctx, frame);
				}
			}
			case PLAY, STOP -> unexpected(ctx, frame);
		}
	}

	private void unexpected(ChannelHandlerContext ctx, TspFrame frame) {
		TspType type = frame.type();
		this.server.metrics.error(Cause.UNEXPECTED_TYPE);
		append(ctx, TspServer.encode(TspFrame.error(frame.songId(), type + " is not a tracker request; the tracker "
				+ "answers INIT, LIST, INFO and QUIT" + ((type == TspType.PLAY) ? ", PLAY goes to a hosting peer" : ""))));
	}

	private void info(ChannelHandlerContext ctx, int songId) {
		if (songId == TspFrame.NO_SONG || songId == 0) {
			writeCatalogue(ctx, TspType.INFO, songId);
			return;
		}
		byte[] answer = (songId > 0) ? this.server.catalogue.infoFrame(songId) : null;
		if (answer == null) {
			this.server.metrics.error(Cause.UNKNOWN_SONG);
			append(ctx, TspServer.encode(TspFrame.error(songId, "no song with id " + songId)));
			return;
		}
		if (!ctx.channel().isWritable()) {
			// the peer reads slower than it asks: hold a reference to the cached frame, not a copy, until reading
			// stops (autoRead off) at the end of this read
			writeBatch(ctx);
			ctx.write(Unpooled.wrappedBuffer(answer), ctx.voidPromise());
			return;
		}
		append(ctx, answer);
	}

	/** The whole catalogue: its header in the batch, then the shared encoded payload, never copied. */
	private void writeCatalogue(ChannelHandlerContext ctx, TspType type, int songId) {
		ByteBuf payload = this.server.catalogue.allPayload();
		append(ctx, TspServer.header(type, songId, payload.readableBytes()));
		writeBatch(ctx);
		ctx.write(payload, ctx.voidPromise());
	}

	private void init(ChannelHandlerContext ctx, TspFrame frame) {
		InitPayload init;
		try {
			init = this.server.payloads.parseInit(frame.payload());
		}
		catch (TspCodecException ex) {
			this.server.metrics.error(Cause.BAD_INIT);
			append(ctx, TspServer.encode(TspFrame.error(TspFrame.NO_SONG, ex.getMessage())));
			return;
		}
		InetAddress source = remoteAddress(ctx.channel().remoteAddress());
		if (this.server.admission.decide(init.token(), source, init.listenAddress()) instanceof PeerAdmission.Refused refused) {
			// changes nothing: a peer announced earlier on this connection keeps its songs; LIST and INFO still work
			this.server.metrics.error(Cause.UNAUTHORIZED);
			append(ctx, TspServer.encode(TspFrame.error(TspFrame.NO_SONG, refused.reason())));
			return;
		}
		String remote = remoteHost(source);
		PeerAddress address = init.listenAddress();
		if (address == null) {
			address = PeerAddress.of(remote, this.server.settings.defaultPeerPort());
		}
		try {
			this.server.catalogue.announce(this.id, address, remote, init.songs());
		}
		catch (Catalogue.CatalogueFullException ex) {
			this.server.metrics.error(Cause.CATALOGUE_FULL);
			append(ctx, TspServer.encode(TspFrame.error(TspFrame.NO_SONG, "INIT refused: " + ex.getMessage())));
			return;
		}
		this.announced = true;
		// every INIT is answered by a BROADCAST_LIST, even one that changed nothing
		this.server.catalogueChanged();
	}

	/**
	 * Called by the broadcaster on any thread; the broadcast's buffers are shared by every peer, so each peer gets its
	 * own views of the same bytes (no copy per peer). A delta goes only to a peer that asked for deltas and was sent the
	 * previous broadcast; every other peer gets the whole catalogue.
	 */
	void sendBroadcast(TspServer.Broadcast broadcast, ChannelFutureListener done) {
		Channel current = this.channel;
		if (current == null || !current.isActive()) {
			notifyQuietly(done);
			return;
		}
		if (!current.isWritable()) {
			this.syncedBroadcast = -1;
			this.broadcastPending = true;
			notifyQuietly(done);
			return;
		}
		this.broadcastPending = false;
		boolean delta = this.wantsDeltas && this.syncedBroadcast == broadcast.sequence() - 1;
		this.syncedBroadcast = broadcast.sequence();
		this.server.metrics.broadcastFrame(delta);
		current.write((delta ? broadcast.deltaHeader() : broadcast.fullHeader()).retainedDuplicate(),
				current.voidPromise());
		current.writeAndFlush((delta ? broadcast.delta() : broadcast.full()).retainedDuplicate()).addListener(done);
	}

	private static void notifyQuietly(ChannelFutureListener done) {
		try {
			done.operationComplete(null);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		boolean writable = ctx.channel().isWritable();
		// a peer that does not read its answers is not read from until it does: answers cannot pile up
		ctx.channel().config().setAutoRead(writable);
		if (writable && this.broadcastPending) {
			this.broadcastPending = false;
			// the newest catalogue, which no broadcast number describes: the next broadcast is whole again
			this.syncedBroadcast = -1;
			this.server.metrics.broadcastFrame(false);
			ByteBuf payload = this.server.catalogue.allPayload();
			ctx.write(TspServer.broadcastHeader(payload.readableBytes()), ctx.voidPromise());
			ctx.writeAndFlush(payload, ctx.voidPromise());
		}
		ctx.fireChannelWritabilityChanged();
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		if (event instanceof IdleStateEvent) {
			// announced peers may be silent for hours; a connection that never announced, or stopped mid-frame, is
			// half-open or stuck
			if (!this.announced || this.decoder.bufferedBytes() > 0) {
				this.server.metrics.error(Cause.IDLE);
				ctx.writeAndFlush(TspServer.frame(TspFrame.error(TspFrame.NO_SONG, "idle for "
						+ this.server.settings.idleTimeout() + (this.announced ? " in the middle of a frame" : " without INIT"))))
					.addListener(ChannelFutureListener.CLOSE);
			}
			return;
		}
		ctx.fireUserEventTriggered(event);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		this.server.unregister(this, this.source);
		ctx.fireChannelInactive();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		this.server.metrics.error(Cause.IO);
		ctx.close();
	}

	private static @Nullable InetAddress remoteAddress(@Nullable SocketAddress address) {
		return (address instanceof InetSocketAddress inet) ? inet.getAddress() : null;
	}

	private static String remoteHost(@Nullable InetAddress address) {
		if (address != null) {
			String host = address.getHostAddress();
			int zone = host.indexOf('%');
			return (zone >= 0) ? host.substring(0, zone) : host;
		}
		return "unknown";
	}

}
