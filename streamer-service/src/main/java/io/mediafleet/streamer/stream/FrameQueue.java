package io.mediafleet.streamer.stream;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The frames waiting for one listener, bounded in bytes: when a frame does not fit, the listener is too far behind
 * and {@link #offer} says so instead of waiting or growing.
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code maxBytes}: most frame bytes queued (frames are shared, so this bounds references, not copies).</li>
 * </ul>
 */
final class FrameQueue {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition available = this.lock.newCondition();

	private final ArrayDeque<Frame> frames = new ArrayDeque<>();

	private final long maxBytes;

	private long queuedBytes;

	private boolean closed;

	FrameQueue(long maxBytes) {
		if (maxBytes <= 0) {
			throw new IllegalArgumentException("maxBytes must be positive but was " + maxBytes);
		}
		this.maxBytes = maxBytes;
	}

	/** Adds a frame unless it would pass the byte limit or the queue is closed; never blocks. */
	boolean offer(Frame frame) {
		this.lock.lock();
		try {
			if (this.closed || this.queuedBytes + frame.length() > this.maxBytes) {
				return false;
			}
			this.frames.addLast(frame);
			this.queuedBytes += frame.length();
			this.available.signal();
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits up to {@code timeout} for frames and moves all queued frames into {@code into}.
	 * @return {@code false} once the queue is closed and empty
	 */
	boolean drainTo(List<Frame> into, long timeout, TimeUnit unit) throws InterruptedException {
		this.lock.lock();
		try {
			long nanos = unit.toNanos(timeout);
			while (this.frames.isEmpty() && !this.closed && nanos > 0) {
				nanos = this.available.awaitNanos(nanos);
			}
			Frame frame;
			while ((frame = this.frames.pollFirst()) != null) {
				into.add(frame);
			}
			this.queuedBytes = 0;
			return !this.closed || !into.isEmpty();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Discards queued frames and wakes the reader, which then sees the end. */
	void close() {
		this.lock.lock();
		try {
			this.closed = true;
			this.frames.clear();
			this.queuedBytes = 0;
			this.available.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	boolean isClosed() {
		this.lock.lock();
		try {
			return this.closed;
		}
		finally {
			this.lock.unlock();
		}
	}

	long queuedBytes() {
		this.lock.lock();
		try {
			return this.queuedBytes;
		}
		finally {
			this.lock.unlock();
		}
	}

}
