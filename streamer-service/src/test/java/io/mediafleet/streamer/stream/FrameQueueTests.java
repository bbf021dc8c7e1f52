package io.mediafleet.streamer.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FrameQueueTests {

	private static final Frame FRAME = new Frame(new byte[400], 0, 400, 26_000_000, SongInfo.NONE);

	@Test
	void framesBeyondTheByteLimitAreRefusedNotQueued() {
		FrameQueue queue = new FrameQueue(1000);
		assertThat(queue.offer(FRAME)).isTrue();
		assertThat(queue.offer(FRAME)).isTrue();
		assertThat(queue.offer(FRAME)).isFalse();
		assertThat(queue.queuedBytes()).isEqualTo(800);
	}

	@Test
	void drainingFreesRoomAndHandsOverFramesInOrder() throws Exception {
		FrameQueue queue = new FrameQueue(1000);
		Frame second = new Frame(new byte[10], 0, 10, 1, SongInfo.NONE);
		queue.offer(FRAME);
		queue.offer(second);
		List<Frame> into = new ArrayList<>();
		assertThat(queue.drainTo(into, 1, TimeUnit.SECONDS)).isTrue();
		assertThat(into).containsExactly(FRAME, second);
		assertThat(queue.queuedBytes()).isZero();
		assertThat(queue.offer(FRAME)).isTrue();
	}

	@Test
	void closedQueueDiscardsFramesAndEndsTheReader() throws Exception {
		FrameQueue queue = new FrameQueue(1000);
		queue.offer(FRAME);
		queue.close();
		assertThat(queue.offer(FRAME)).isFalse();
		assertThat(queue.drainTo(new ArrayList<>(), 1, TimeUnit.SECONDS)).isFalse();
		assertThat(queue.isClosed()).isTrue();
	}

	@Test
	void limitMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FrameQueue(0));
	}

}
