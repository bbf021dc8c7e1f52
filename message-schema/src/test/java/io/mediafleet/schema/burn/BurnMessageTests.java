package io.mediafleet.schema.burn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mediafleet.schema.burn.BurnMessage.Burn;
import io.mediafleet.schema.burn.BurnMessage.Cap;
import io.mediafleet.schema.burn.BurnMessage.CompletedStatus;
import io.mediafleet.schema.burn.BurnMessage.ErrorReply;
import io.mediafleet.schema.burn.BurnMessage.Ident;
import io.mediafleet.schema.burn.BurnMessage.Info;
import io.mediafleet.schema.burn.BurnMessage.ProgressStatus;
import io.mediafleet.schema.burn.BurnMessage.QueueList;
import org.junit.jupiter.api.Test;

import static io.mediafleet.schema.burn.BurnGoldenTests.H1;
import static io.mediafleet.schema.burn.BurnGoldenTests.UID1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Field rules of the message records: what a service building messages in code is held to.
 */
class BurnMessageTests {

	@Test
	void uppercaseHashIsStoredInLowercase() {
		assertThat(new Burn(H1.toUpperCase()).hash()).isEqualTo(H1);
		assertThat(BurnerStatus.of(UID1.toUpperCase(), null, BurnerState.NEW).uid()).isEqualTo(UID1);
	}

	@Test
	void hashThatIsNotThirtyTwoHexDigitsIsRejectedNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Burn(H1.substring(1)))
			.withMessage("hash '" + H1.substring(1) + "' is not 32 hex digits");
		assertThatIllegalArgumentException().isThrownBy(() -> new Burn(H1.substring(1) + "g"));
		// Character.digit would accept this Arabic-Indic digit; the wire must not.
		assertThatIllegalArgumentException().isThrownBy(() -> new Burn(H1.substring(1) + "\u0663"));
	}

	@Test
	void fileNameWithTabOrLineBreakIsRejectedBecauseItIsNotTheLastField() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Info(H1, "a\tb.iso", ""))
			.withMessage("file name 'a\tb.iso' contains a TAB at index 1");
		assertThatIllegalArgumentException().isThrownBy(() -> new Info(H1, "a\nb.iso", ""));
		assertThatIllegalArgumentException().isThrownBy(() -> new Info(H1, "", ""))
			.withMessage("file name must not be empty");
	}

	@Test
	void freeTextKeepsTabsAndStoresLineBreaksAsLineFeeds() {
		assertThat(new Info(H1, "a.iso", "x\ty\r\nz\rw").description()).isEqualTo("x\ty\nz\nw");
		assertThat(ErrorReply.of("X", "a\r\n\r\nb").text()).isEqualTo("a\n\nb");
	}

	@Test
	void errorCodeIsOneWordOfPrintableAscii() {
		assertThatIllegalArgumentException().isThrownBy(() -> ErrorReply.of("NO ISO", ""))
			.withMessageContaining("contains a space at index 2");
		assertThatIllegalArgumentException().isThrownBy(() -> ErrorReply.of("", ""))
			.withMessageContaining("error code must have 1 to 64 characters");
		assertThatIllegalArgumentException().isThrownBy(() -> new Ident("V1\t"));
	}

	@Test
	void percentOutsideZeroToHundredIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ProgressStatus(H1, 101));
		assertThatIllegalArgumentException().isThrownBy(() -> new ProgressStatus(H1, -1));
	}

	@Test
	void burnTimeIsKeptToTheMillisecondAndMustNotBeNegative() {
		assertThat(new CompletedStatus(H1, Duration.ofNanos(1_234_567_890)).burnTime())
			.isEqualTo(Duration.ofMillis(1234));
		assertThatIllegalArgumentException().isThrownBy(() -> new CompletedStatus(H1, Duration.ofSeconds(-1)));
	}

	@Test
	void listsAreCopiedAndUnmodifiable() {
		List<QueueEntry> entries = new ArrayList<>(List.of(QueueEntry.of("1", H1, 1)));
		QueueList list = new QueueList(entries);
		entries.clear();
		assertThat(list.entries()).hasSize(1);
		assertThat(Cap.of(BurnerType.BURNDVD, H1.toUpperCase()).hashes()).containsExactly(H1);
	}

}
