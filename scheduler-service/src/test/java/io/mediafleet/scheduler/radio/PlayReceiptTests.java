package io.mediafleet.scheduler.radio;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The receipt written with each programme {@code play}: its wire form and which STARTs it proves sent. */
class PlayReceiptTests {

	private static final Instant T = Instant.parse("2026-12-06T12:00:00Z");

	private static RadioEvent start(String id, Instant announceAt, Instant dueAt) {
		return new RadioEvent(id, "r1", RadioEvent.Kind.START, dueAt, "a", "a.mp3", 4.0, null, false, null, announceAt,
				false);
	}

	@Test
	void readsBackWhatItWrites() {
		PlayReceipt receipt = PlayReceipt.of(start("e1", T, T.plusSeconds(5)));
		assertThat(receipt.encode()).isEqualTo(T.toEpochMilli() + "/" + T.plusSeconds(5).toEpochMilli() + "/e1");
		assertThat(PlayReceipt.parse(receipt.encode())).isEqualTo(receipt);
	}

	@Test
	void aReceiptItCannotReadProvesNothing() {
		assertThat(PlayReceipt.parse(null)).isNull();
		assertThat(PlayReceipt.parse("")).isNull();
		assertThat(PlayReceipt.parse("12/e1")).isNull();
		assertThat(PlayReceipt.parse("x/1/e1")).isNull();
		assertThat(PlayReceipt.parse("1/2/")).isNull();
	}

	@Test
	void coversItsOwnStartAndTheTracksAnnouncedWithOrBeforeItThatStartEarlier() {
		PlayReceipt receipt = PlayReceipt.of(start("d", T, T.plusSeconds(17)));
		assertThat(receipt.covers(start("d", T, T.plusSeconds(17)))).isTrue();
		assertThat(receipt.covers(start("b", T, T.plusSeconds(9)))).as("same announce time, earlier track").isTrue();
		assertThat(receipt.covers(start("z", T.minusSeconds(3), T.plusSeconds(2)))).isTrue();
		assertThat(receipt.covers(start("e", T.plusSeconds(1), T.plusSeconds(21)))).as("announced later").isFalse();
		assertThat(receipt.covers(start("n", T.plusSeconds(1), T.plusSeconds(6))))
			.as("a radio restarted since: announced later, even if it starts earlier")
			.isFalse();
	}

}
