package io.mediafleet.streamer.hls;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HlsSessionsTests {

	final AtomicInteger ids = new AtomicInteger();

	final HlsSessions<String> sessions = new HlsSessions<>(10, 2, () -> "s" + this.ids.incrementAndGet());

	@Test
	void sessionSeenWithinTheTimeoutStaysAndExpiresOnceNotSeenForLonger() {
		String listener = this.sessions.open((id) -> "listener " + id, 0);
		assertThat(listener).isEqualTo("listener s1");
		assertThat(this.sessions.seen("s1", 8)).isEqualTo("listener s1");
		assertThat(this.sessions.expire(18)).isEmpty();
		assertThat(this.sessions.expire(19)).containsExactly("listener s1");
		assertThat(this.sessions.seen("s1", 19)).isNull();
		assertThat(this.sessions.size()).isZero();
	}

	@Test
	void sessionPastItsTimeoutIsNotRevivedBeforeTheSweep() {
		this.sessions.open((id) -> id, 0);
		assertThat(this.sessions.seen("s1", 11)).isNull();
		assertThat(this.sessions.expire(11)).containsExactly("s1");
	}

	@Test
	void unknownSessionIsNotSeenAndTheMaximumIsKept() {
		assertThat(this.sessions.seen("nobody", 0)).isNull();
		assertThat(this.sessions.open((id) -> id, 0)).isNotNull();
		assertThat(this.sessions.open((id) -> id, 0)).isNotNull();
		assertThat(this.sessions.open((id) -> id, 0)).isNull();
		assertThat(this.sessions.closeAll()).containsExactlyInAnyOrder("s1", "s2");
	}

	@Test
	void collidingIdIsDrawnAgain() {
		HlsSessions<String> same = new HlsSessions<>(10, 5, new java.util.function.Supplier<>() {
			int calls;

			@Override
			public String get() {
				return (this.calls++ < 2) ? "x" : "y";
			}
		});
		assertThat(same.open((id) -> id, 0)).isEqualTo("x");
		assertThat(same.open((id) -> id, 0)).isEqualTo("y");
	}

}
