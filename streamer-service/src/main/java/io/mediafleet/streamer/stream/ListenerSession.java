package io.mediafleet.streamer.stream;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP listener of one radio: its identity towards the scheduler and its bounded queue of frames.
 */
final class ListenerSession {

	private final String sessionId;

	private final @Nullable String userId;

	private final boolean hd;

	private final FrameQueue queue;

	private volatile boolean droppedForLag;

	ListenerSession(String sessionId, @Nullable String userId, boolean hd, long queueBytes) {
		this.sessionId = sessionId;
		this.userId = userId;
		this.hd = hd;
		this.queue = new FrameQueue(queueBytes);
	}

	String sessionId() {
		return this.sessionId;
	}

	@Nullable String userId() {
		return this.userId;
	}

	boolean hd() {
		return this.hd;
	}

	FrameQueue queue() {
		return this.queue;
	}

	void dropForLag() {
		this.droppedForLag = true;
		this.queue.close();
	}

	boolean droppedForLag() {
		return this.droppedForLag;
	}

}
