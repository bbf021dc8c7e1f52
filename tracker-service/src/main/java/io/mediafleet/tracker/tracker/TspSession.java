package io.mediafleet.tracker.tracker;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

import io.netty.buffer.ByteBuf;
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
 * connection goes. Answers are written as they are computed and flushed once per read batch.
 *
 * <p>All methods except {@link #sendBroadcast} run on the channel's event loop.
 */
final class TspSession extends ChannelInboundHandlerAdapter {

	private final TspServer server;

	private final long id;

	private final TspDecoder decoder;

	private @Nullable Channel channel;

	private volatile boolean announced;

	/** A broadcast arrived while the peer was not reading; the newest catalogue goes out once it drains. */
	private volatile boolean broadcastPending;

	TspSession(TspServer server, long id) {
		this.server = server;
		this.id = id;
		this.decoder = new TspDecoder((int) server.settings.maxPayload().toBytes());
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
		if (!this.server.register(this)) {
			this.server.metrics.error(Cause.FULL);
			ctx.writeAndFlush(TspServer.frame(TspFrame.error(TspFrame.NO_SONG, "tracker full: "
					+ this.server.settings.maxConnections() + " connections open")))
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
			for (ByteBuffer buffer : in.nioBuffers()) {
				this.decoder.decode(buffer, (frame) -> answer(ctx, frame));
			}
		}
		catch (TspCodecException ex) {
			// framing is lost: nothing after this byte can be trusted, so say why and close
			this.server.metrics.error(Cause.FRAMING);
			ctx.writeAndFlush(TspServer.frame(TspFrame.error(TspFrame.NO_SONG, ex.getMessage())))
				.addListener(ChannelFutureListener.CLOSE);
		}
		finally {
			in.release();
		}
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		ctx.flush();
	}

	private void answer(ChannelHandlerContext ctx, TspFrame frame) {
		TspType type = frame.type();
		this.server.metrics.request(type);
		switch (type) {
			case INIT -> init(ctx, frame);
			case LIST -> ctx.write(TspServer.catalogueFrame(TspType.LIST, frame.songId(),
					this.server.catalogue.allPayload()));
			case INFO -> info(ctx, frame.songId());
			case QUIT -> {
				ctx.flush();
				ctx.close();
			}
			case ERROR -> {
				// never answer an error with an error: two confused ends would ping-pong forever
			}
			case PLAY, STOP, BROADCAST_LIST -> {
				this.server.metrics.error(Cause.UNEXPECTED_TYPE);
				ctx.write(TspServer.frame(TspFrame.error(frame.songId(), type + " is not a tracker request; the tracker "
						+ "answers INIT, LIST, INFO and QUIT" + ((type == TspType.PLAY) ? ", PLAY goes to a hosting peer" : ""))));
			}
		}
	}

	private void info(ChannelHandlerContext ctx, int songId) {
		if (songId == TspFrame.NO_SONG || songId == 0) {
			ctx.write(TspServer.catalogueFrame(TspType.INFO, songId, this.server.catalogue.allPayload()));
			return;
		}
		byte[] entry = (songId > 0) ? this.server.catalogue.entryPayload(songId) : null;
		if (entry == null) {
			this.server.metrics.error(Cause.UNKNOWN_SONG);
			ctx.write(TspServer.frame(TspFrame.error(songId, "no song with id " + songId)));
			return;
		}
		ctx.write(TspServer.catalogueFrame(TspType.INFO, songId, entry));
	}

	private void init(ChannelHandlerContext ctx, TspFrame frame) {
		InitPayload init;
		try {
			init = this.server.payloads.parseInit(frame.payload());
		}
		catch (TspCodecException ex) {
			this.server.metrics.error(Cause.BAD_INIT);
			ctx.write(TspServer.frame(TspFrame.error(TspFrame.NO_SONG, ex.getMessage())));
			return;
		}
		String remote = remoteHost(ctx.channel().remoteAddress());
		PeerAddress address = init.listenAddress();
		if (address == null) {
			address = PeerAddress.of(remote, this.server.settings.defaultPeerPort());
		}
		try {
			this.server.catalogue.announce(this.id, address, remote, init.songs());
		}
		catch (Catalogue.CatalogueFullException ex) {
			this.server.metrics.error(Cause.CATALOGUE_FULL);
			ctx.write(TspServer.frame(TspFrame.error(TspFrame.NO_SONG, "INIT refused: " + ex.getMessage())));
			return;
		}
		this.announced = true;
		// every INIT is answered by a BROADCAST_LIST, even one that changed nothing
		this.server.catalogueChanged();
	}

	/** Called by the broadcaster on any thread; {@code frame} is shared, so each peer gets its own view. */
	void sendBroadcast(ByteBuf frame, ChannelFutureListener done) {
		Channel current = this.channel;
		if (current == null || !current.isActive()) {
			notifyQuietly(done);
			return;
		}
		if (!current.isWritable()) {
			this.broadcastPending = true;
			notifyQuietly(done);
			return;
		}
		this.broadcastPending = false;
		current.writeAndFlush(frame.retainedDuplicate()).addListener(done);
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
			ctx.writeAndFlush(TspServer.catalogueFrame(TspType.BROADCAST_LIST, TspFrame.NO_SONG,
					this.server.catalogue.allPayload()));
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
		this.server.unregister(this);
		ctx.fireChannelInactive();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		this.server.metrics.error(Cause.IO);
		ctx.close();
	}

	private static String remoteHost(@Nullable SocketAddress address) {
		if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
			String host = inet.getAddress().getHostAddress();
			int zone = host.indexOf('%');
			return (zone >= 0) ? host.substring(0, zone) : host;
		}
		return "unknown";
	}

}
