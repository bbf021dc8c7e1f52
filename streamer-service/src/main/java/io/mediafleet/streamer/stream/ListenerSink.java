package io.mediafleet.streamer.stream;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

import io.mediafleet.streamer.stream.SchedulerLink.ListenerIdentity;
import org.jspecify.annotations.Nullable;

/**
 * One listener of the {@link ListenerServer}: its socket, where it is in the ICY metadata cycle, and what it still
 * has to receive. Built by the server's accepting thread, then touched only by the {@link ListenerWriter} it was
 * handed to.
 */
final class ListenerSink {

	private static final byte[] EMPTY_ICY_BLOCK = { 0 };

	final SocketChannel channel;

	final RadioBroadcaster radio;

	final String sessionId;

	/** A relaying streamer's connection: served like any listener, registered as no listening session. */
	boolean relay;

	final ListenerIdentity identity;

	final int metaint;

	final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>(4);

	long pendingBytes;

	int untilMetadata;

	SongInfo announced = SongInfo.NONE;

	/** Frames at the start of the next batch that this listener already got in its burst. */
	int skipFrames;

	boolean closed;

	/** Queued for its writer's next round of writes. */
	boolean flushQueued;

	/** Write system calls made for this listener (what batching saves, for tests). */
	long writes;

	/** The address its listener slot is counted against. */
	final @Nullable InetAddress source;

	/** Listeners of its radio on the port, for the accepting thread to know when an audience is gone. */
	final AtomicInteger audience;

	ListenerSink(SocketChannel channel, RadioBroadcaster radio, String sessionId, ListenerIdentity identity,
			int metaint, @Nullable InetAddress source, AtomicInteger audience) {
		this.source = source;
		this.audience = audience;
		this.channel = channel;
		this.radio = radio;
		this.sessionId = sessionId;
		this.identity = identity;
		this.metaint = metaint;
		this.untilMetadata = metaint;
	}

	void add(ByteBuffer buffer) {
		this.pending.addLast(buffer);
		this.pendingBytes += buffer.remaining();
	}

	/** Queues the batch's audio from byte {@code from} on, with metadata blocks where they fall. */
	void append(SharedBatch batch, int from) {
		int chunkStart = 0;
		for (int c = 0; c < batch.chunkCount(); c++) {
			int length = batch.chunkLength(c);
			if (chunkStart + length > from) {
				ByteBuffer view = batch.chunk(c);
				view.position(view.position() + Math.max(0, from - chunkStart));
				appendAudio(view, batch.song(c));
			}
			chunkStart += length;
		}
	}

	private void appendAudio(ByteBuffer view, SongInfo song) {
		if (this.metaint == 0) {
			add(view);
			return;
		}
		while (view.hasRemaining()) {
			int chunk = Math.min(view.remaining(), this.untilMetadata);
			ByteBuffer part = view.duplicate();
			part.limit(part.position() + chunk);
			add(part);
			view.position(view.position() + chunk);
			this.untilMetadata -= chunk;
			if (this.untilMetadata == 0) {
				byte[] block = (song != this.announced) ? song.icyBlock() : EMPTY_ICY_BLOCK;
				this.announced = song;
				add(ByteBuffer.wrap(block));
				this.untilMetadata = this.metaint;
			}
		}
	}

}
