package io.mediafleet.schema.link;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-sender message counter: hands out 1, 2, 3, ... and is safe to share between threads
 * that send over the same link. Start a new counter for each new connection's handshake and for
 * each new session (see {@code docs/protocols/link.md}).
 */
public final class SeqCounter {

	private final AtomicLong last = new AtomicLong();

	/** The next seq, starting at 1. */
	public long next() {
		long next = this.last.incrementAndGet();
		if (next < 1) {
			this.last.set(Long.MAX_VALUE);
			throw new IllegalStateException("seq counter exhausted");
		}
		return next;
	}

	/** The seq handed out last, 0 if none yet. */
	public long last() {
		return this.last.get();
	}

	static long requireSeq(String name, long seq) {
		if (seq < 1) {
			throw new IllegalArgumentException("field '" + name + "' must be at least 1 but was " + seq);
		}
		return seq;
	}

	static long requireAcknowledgedSeq(String name, long seq) {
		if (seq < 0) {
			throw new IllegalArgumentException("field '" + name + "' must be at least 0 but was " + seq);
		}
		return seq;
	}

}
