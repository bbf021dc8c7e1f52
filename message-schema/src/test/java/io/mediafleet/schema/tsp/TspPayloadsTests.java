package io.mediafleet.schema.tsp;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Line splitting, the {@code PEER} line and the limits of {@link TspPayloads}.
 */
class TspPayloadsTests {

	private final TspPayloads payloads = new TspPayloads();

	@Test
	void initWithoutPeerLineIsWhatTheOriginalPeersSent() {
		InitPayload init = this.payloads.parseInit(bytes("A, B > a.mp3\nC, D > c.mp3"));
		assertThat(init.listenAddress()).isNull();
		assertThat(init.songs()).containsExactly(SongLine.of("A", "B", "a.mp3"), SongLine.of("C", "D", "c.mp3"));
	}

	@Test
	void crlfAndBlankLinesAreTolerated() {
		InitPayload init = this.payloads.parseInit(bytes("PEER\thost:1\r\n\r\nA, B > a.mp3\r\n\n"));
		assertThat(init).isEqualTo(InitPayload.of(PeerAddress.of("host", 1), SongLine.of("A", "B", "a.mp3")));
	}

	@Test
	void emptyPayloadsAreEmpty() {
		assertThat(this.payloads.parseInit(new byte[0])).isEqualTo(InitPayload.of(null));
		assertThat(this.payloads.parseCatalogue(new byte[0])).isEmpty();
		assertThat(this.payloads.formatCatalogue(List.of())).isEmpty();
	}

	@Test
	void errorsNameTheLineCountingBlankLines() {
		assertThatExceptionOfType(TspCodecException.class)
			.isThrownBy(() -> this.payloads.parseInit(bytes("A, B > a.mp3\n\nno arrow here\n")))
			.withMessageStartingWith("INIT line 3: 'no arrow here' is neither");
		assertThatExceptionOfType(TspCodecException.class)
			.isThrownBy(() -> this.payloads.parseCatalogue(bytes("1\t-\t-\t-\tt\ta\tf\t\nbad\n")))
			.withMessageStartingWith("catalogue line 2: has 1 TAB-separated fields");
	}

	@Test
	void badPeerAddressIsRejectedNamingTheLine() {
		assertThatExceptionOfType(TspCodecException.class)
			.isThrownBy(() -> this.payloads.parseInit(bytes("PEER\tnowhere\nA, B > a.mp3")))
			.withMessage("INIT line 1: address 'nowhere' has no ':port'");
	}

	@Test
	void tokenLineBeforeOrAfterThePeerLineIsReadAndWrittenFirst() {
		InitPayload expected = new InitPayload("s3cret-Token_1", PeerAddress.of("host", 1),
				List.of(SongLine.of("A", "B", "a.mp3")));
		assertThat(this.payloads.parseInit(bytes("TOKEN\ts3cret-Token_1\nPEER\thost:1\nA, B > a.mp3\n")))
			.isEqualTo(expected);
		assertThat(this.payloads.parseInit(bytes("PEER\thost:1\r\nTOKEN\ts3cret-Token_1\r\nA, B > a.mp3")))
			.isEqualTo(expected);
		assertThat(new String(this.payloads.formatInit(expected), StandardCharsets.UTF_8))
			.startsWith("TOKEN\ts3cret-Token_1\nPEER\thost:1\n");
		assertThat(this.payloads.parseInit(this.payloads.formatInit(expected))).isEqualTo(expected);
	}

	@Test
	void aTokenWithoutAPeerLineIsWhatASeedStylePeerWithATokenSends() {
		InitPayload init = this.payloads.parseInit(bytes("TOKEN\tabc\nA, B > a.mp3"));
		assertThat(init.token()).isEqualTo("abc");
		assertThat(init.listenAddress()).isNull();
		assertThat(init.songs()).hasSize(1);
	}

	@Test
	void badOrRepeatedTokenLinesAreRejectedWithoutEchoingTheToken() {
		assertThatExceptionOfType(TspCodecException.class)
			.isThrownBy(() -> this.payloads.parseInit(bytes("TOKEN\tsecret one\n")))
			.withMessage("INIT line 1: TOKEN contains a space or control character at index 6")
			.withMessageNotContaining("secret");
		assertThatExceptionOfType(TspCodecException.class)
			.isThrownBy(() -> this.payloads.parseInit(bytes("TOKEN\ta\nTOKEN\tb\n")))
			.withMessage("INIT line 2: a second TOKEN line");
		assertThatExceptionOfType(TspCodecException.class)
			.isThrownBy(() -> this.payloads.parseInit(bytes("TOKEN\t\n")))
			.withMessageStartingWith("INIT line 1: TOKEN must have 1 to 256 characters");
		assertThat(new InitPayload("hidden-value", null, List.of()).toString()).doesNotContain("hidden-value");
	}

	@Test
	void peerLineAnywhereButFirstIsAMalformedSongLine() {
		assertThatExceptionOfType(TspCodecException.class)
			.isThrownBy(() -> this.payloads.parseInit(bytes("A, B > a.mp3\nPEER\thost:1")))
			.withMessageStartingWith("INIT line 2: has 2 TAB-separated fields");
	}

	@Test
	void overlongLineIsRejectedBeforeItIsDecoded() {
		TspPayloads small = new TspPayloads(10, 100);
		assertThat(small.parseInit(bytes("A, B > a.m\r\n")).songs()).hasSize(1);
		assertThatExceptionOfType(TspCodecException.class)
			.isThrownBy(() -> small.parseInit(bytes("A, B > a.mp3\n")))
			.withMessage("INIT line 1 is longer than 10 bytes (maxLineLength)");
	}

	@Test
	void tooManyLinesAreRejected() {
		TspPayloads small = new TspPayloads(100, 2);
		assertThat(small.parseInit(bytes("PEER\th:1\nA, B > a\n\n\n")).songs()).hasSize(1);
		assertThatExceptionOfType(TspCodecException.class)
			.isThrownBy(() -> small.parseInit(bytes("A, B > a\nA, B > b\nA, B > c\n")))
			.withMessage("INIT payload has more than 2 lines (maxLines)");
	}

	@Test
	void invalidUtf8IsRejectedNamingLineAndByte() {
		byte[] payload = bytes("A, B > a.mp3\nA, B > xx.mp3\n");
		payload[20] = (byte) 0xff;
		assertThatExceptionOfType(TspCodecException.class).isThrownBy(() -> this.payloads.parseInit(payload))
			.withMessage("INIT line 2 is not valid UTF-8 at byte 7 of the line");
	}

	@Test
	void limitsBelowOneAreRejectedAtConstruction() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TspPayloads(0, 1)).withMessageContaining("maxLineLength");
		assertThatIllegalArgumentException().isThrownBy(() -> new TspPayloads(1, 0)).withMessageContaining("maxLines");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
