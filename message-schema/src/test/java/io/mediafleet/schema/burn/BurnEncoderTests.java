package io.mediafleet.schema.burn;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.mediafleet.schema.burn.BurnMessage.CompletedStatus;
import io.mediafleet.schema.burn.BurnMessage.ErrorReply;
import io.mediafleet.schema.burn.BurnMessage.Info;
import io.mediafleet.schema.burn.BurnMessage.InfoUnknown;
import io.mediafleet.schema.burn.BurnMessage.Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.mediafleet.schema.burn.BurnGoldenTests.H1;
import static io.mediafleet.schema.burn.BurnGoldenTests.UID1;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact bytes {@link BurnEncoder} writes, above all the blank-line escape of free text.
 */
class BurnEncoderTests {

	private final BurnEncoder encoder = new BurnEncoder();

	@Test
	void blankLineInFreeTextIsWrittenAsALineHoldingOneSpace() {
		assertThat(this.encoder.encodeToString(ErrorReply.of("NOISO", "no image\n\nask the server")))
			.isEqualTo("ERROR\tNOISO\tno image\r\n \r\nask the server\r\n\r\n");
	}

	@Test
	void classJavadocExampleIsExact() {
		assertThat(this.encoder.encode(ErrorReply.of("NOISO", "no image\n\nask"))).isEqualTo(HexFormat.of()
			.parseHex("4552524f52094e4f49534f096e6f20696d6167650d0a200d0a61736b0d0a0d0a"));
	}

	@Test
	void lineOfSpacesGetsOneMoreSoItIsNotMistakenForAnEscapedBlankLine() {
		assertThat(this.encoder.encodeToString(ErrorReply.of("X", "a\n \n  \nb")))
			.isEqualTo("ERROR\tX\ta\r\n  \r\n   \r\nb\r\n\r\n");
	}

	@Test
	void trailingAndLeadingLineBreaksOfFreeTextSurvive() {
		assertThat(this.encoder.encodeToString(new Name(UID1, "\nname\n")))
			.isEqualTo("NAME\t" + UID1 + "\t\r\nname\r\n \r\n\r\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\n", "\n\n", " \n ", "a\n\n\nb", "\t\n\t", "x\n \n", "\n\n\n\n", "   " })
	void escapedFreeTextRoundTrips(String text) {
		ErrorReply message = ErrorReply.of("X", text);
		List<BurnMessage> decoded = new ArrayList<>();
		new BurnDecoder().decode(ByteBuffer.wrap(this.encoder.encode(message)), decoded::add);
		assertThat(decoded).containsExactly(message);
		assertThat(((ErrorReply) decoded.get(0)).text()).isEqualTo(text);
	}

	@Test
	void freeTextLineBreaksOfAnyKindAreWrittenAsCrlf() {
		assertThat(this.encoder.encodeToString(new Info(H1, "a.iso", "one\r\ntwo\rthree\nfour")))
			.isEqualTo("INFO\t" + H1 + "\ta.iso\tone\r\ntwo\r\nthree\r\nfour\r\n\r\n");
	}

	@Test
	void burnTimeIsWrittenInSecondsWithoutTrailingZeros() {
		assertThat(this.encoder.encodeToString(new CompletedStatus(H1, Duration.ofMillis(312_000))))
			.endsWith("\t100\tTIME\t312\r\n\r\n");
		assertThat(this.encoder.encodeToString(new CompletedStatus(H1, Duration.ofMillis(95_250))))
			.endsWith("\tTIME\t95.25\r\n\r\n");
		assertThat(this.encoder.encodeToString(new CompletedStatus(H1, Duration.ofMillis(7))))
			.endsWith("\tTIME\t0.007\r\n\r\n");
	}

	@Test
	void enoideaCarriesTheHashOnlyWhenKnown() {
		assertThat(this.encoder.encodeToString(InfoUnknown.bare())).isEqualTo("INFO\tENOIDEA\r\n\r\n");
		assertThat(this.encoder.encodeToString(new InfoUnknown(H1))).isEqualTo("INFO\tENOIDEA\t" + H1 + "\r\n\r\n");
	}

	@Test
	void nonAsciiTextIsWrittenInUtf8() {
		assertThat(this.encoder.encode(ErrorReply.of("X", "é"))).containsSubsequence((byte) 0xc3, (byte) 0xa9);
	}

}
