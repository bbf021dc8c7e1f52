package io.mediafleet.schema.burn;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mediafleet.schema.burn.BurnMessage.AskCapab;
import io.mediafleet.schema.burn.BurnMessage.Burn;
import io.mediafleet.schema.burn.BurnMessage.Cap;
import io.mediafleet.schema.burn.BurnMessage.CompletedStatus;
import io.mediafleet.schema.burn.BurnMessage.ErrorReply;
import io.mediafleet.schema.burn.BurnMessage.Info;
import io.mediafleet.schema.burn.BurnMessage.InfoUnknown;
import io.mediafleet.schema.burn.BurnMessage.Open;
import io.mediafleet.schema.burn.BurnMessage.ProgressStatus;
import io.mediafleet.schema.burn.BurnMessage.QueueOk;
import io.mediafleet.schema.burn.BurnMessage.WhatIs;
import org.junit.jupiter.api.Test;

import static io.mediafleet.schema.burn.BurnGoldenTests.H1;
import static io.mediafleet.schema.burn.BurnGoldenTests.H2;
import static io.mediafleet.schema.burn.BurnGoldenTests.UID1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Framing, error handling and limits of {@link BurnDecoder}.
 */
class BurnDecoderTests {

	private final BurnDecoder decoder = new BurnDecoder();

	private final List<BurnMessage> decoded = new ArrayList<>();

	@Test
	void messageFedOneByteAtATimeIsEmittedOnlyAfterItsTerminator() {
		byte[] wire = bytes("BURN\t" + H1 + "\r\n\r\n");
		for (int i = 0; i < wire.length; i++) {
			this.decoder.decode(ByteBuffer.wrap(wire, i, 1), this.decoded::add);
			if (i < wire.length - 1) {
				assertThat(this.decoded).as("after byte %d", i).isEmpty();
			}
		}
		assertThat(this.decoded).containsExactly(new Burn(H1));
		assertThat(this.decoder.bufferedBytes()).isZero();
	}

	@Test
	void manyMessagesInOneBufferAreEmittedInOrder() {
		decode("QOK\r\n\r\nOPEN\r\n\r\nBURN\t" + H1 + "\r\n\r\nASKCAPAB\r\n\r\n");
		assertThat(this.decoded).containsExactly(new QueueOk(), new Open(), new Burn(H1), new AskCapab());
	}

	@Test
	void incompleteMessageIsKeptForTheNextBuffer() {
		decode("QOK\r\n\r\nBURN\t" + H1.substring(0, 10));
		assertThat(this.decoded).containsExactly(new QueueOk());
		assertThat(this.decoder.bufferedBytes()).isEqualTo(15);
		decode(H1.substring(10) + "\r\n\r\n");
		assertThat(this.decoded).containsExactly(new QueueOk(), new Burn(H1));
	}

	@Test
	void badMessageWithIntactFramingLeavesTheDecoderUsableForTheNextMessage() {
		ByteBuffer in = ByteBuffer.wrap(bytes("QOK\r\n\r\nFROB\tx\r\n\r\nBURN\t" + H1 + "\r\n\r\n"));
		assertThatExceptionOfType(BurnCodecException.class).isThrownBy(() -> this.decoder.decode(in, this.decoded::add))
			.satisfies((ex) -> assertThat(ex.isFramingIntact()).isTrue())
			.withMessageContaining("unknown command 'FROB'")
			.withMessageContaining("stream byte 7");
		assertThat(this.decoded).containsExactly(new QueueOk());
		assertThat(in.position()).as("position just after the bad message").isEqualTo(17);
		assertThat(this.decoder.isFailed()).isFalse();
		this.decoder.decode(in, this.decoded::add);
		assertThat(this.decoded).containsExactly(new QueueOk(), new Burn(H1));
	}

	@Test
	void badHashIsRejectedNamingTheCommandAndTheValue() {
		assertThatExceptionOfType(BurnCodecException.class).isThrownBy(() -> decode("BURN\tnot-a-hash\r\n\r\n"))
			.satisfies((ex) -> assertThat(ex.isFramingIntact()).isTrue())
			.withMessageContaining("BURN")
			.withMessageContaining("'not-a-hash' is not 32 hex digits");
	}

	@Test
	void missingFieldIsRejectedNamingTheField() {
		assertThatExceptionOfType(BurnCodecException.class).isThrownBy(() -> decode("QUEUE\t" + H1 + "\r\n\r\n"))
			.withMessageContaining("QUEUE is missing field 2 (priority)");
		assertThatExceptionOfType(BurnCodecException.class).isThrownBy(() -> decode("ID\tV1\tBURNDVD\r\n\r\n"))
			.withMessageContaining("ID is missing field 3 (uid)");
	}

	@Test
	void unknownEnumWordIsRejectedListingTheAcceptedWords() {
		assertThatExceptionOfType(BurnCodecException.class)
			.isThrownBy(() -> decode("ID\tV1\tTOASTER\t" + UID1 + "\r\n\r\n"))
			.withMessageContaining("unknown client type 'TOASTER', expected one of BURNCDR, BURNDVD, COMMAND, DISPLAY");
	}

	@Test
	void extraFieldsAreIgnored() {
		decode("BURN\t" + H1 + "\tfast\r\n\r\nQOK\tlater\r\n\r\n");
		assertThat(this.decoded).containsExactly(new Burn(H1), new QueueOk());
	}

	@Test
	void aliasesWhatAndAskcapDecodeToTheCanonicalCommands() {
		decode("WHAT\t" + H1 + "\r\n\r\nASKCAP\r\n\r\n");
		assertThat(this.decoded).containsExactly(new WhatIs(H1), new AskCapab());
		assertThat(new BurnEncoder().encodeToString(this.decoded.get(0))).startsWith("WHATIS\t");
		assertThat(new BurnEncoder().encodeToString(this.decoded.get(1))).isEqualTo("ASKCAPAB\r\n\r\n");
	}

	@Test
	void keywordsAreCaseSensitive() {
		assertThatExceptionOfType(BurnCodecException.class).isThrownBy(() -> decode("qok\r\n\r\n"))
			.withMessageContaining("unknown command 'qok'");
	}

	@Test
	void loneLineFeedsAreAcceptedAsLineEnds() {
		decode("INFO\t" + H1 + "\ta.iso\tline one\nline two\n\nQOK\n\n");
		assertThat(this.decoded).containsExactly(new Info(H1, "a.iso", "line one\nline two"), new QueueOk());
	}

	@Test
	void blankLinesBetweenMessagesAreSkipped() {
		decode("\r\n\r\n\nQOK\r\n\r\n\r\n\r\nOPEN\r\n\r\n");
		assertThat(this.decoded).containsExactly(new QueueOk(), new Open());
	}

	@Test
	void blankLineEscapeInFreeTextIsUndone() {
		decode("ERROR\tNOISO\tfirst\r\n \r\n  \r\nlast\r\n\r\n");
		assertThat(this.decoded).containsExactly(ErrorReply.of("NOISO", "first\n\n \nlast"));
	}

	@Test
	void tabsInsideTheLastFreeTextFieldAreText() {
		decode("INFO\t" + H1 + "\tdisc.iso\tcol1\tcol2\r\n\tindented\r\n\r\n");
		assertThat(this.decoded).containsExactly(new Info(H1, "disc.iso", "col1\tcol2\n\tindented"));
	}

	@Test
	void fieldBeforeTheFreeTextMayNotSpanLines() {
		assertThatExceptionOfType(BurnCodecException.class)
			.isThrownBy(() -> decode("INFO\t" + H1 + "\tdisc\r\n.iso\tdescription\r\n\r\n"))
			.withMessageContaining("file name 'disc' is followed by a line break");
	}

	@Test
	void missingFreeTextIsEmpty() {
		decode("ERROR\tPROTO\r\n\r\nINFO\t" + H1 + "\tdisc.iso\r\n\r\n");
		assertThat(this.decoded).containsExactly(ErrorReply.of("PROTO", ""), new Info(H1, "disc.iso", ""));
	}

	@Test
	void enoideaDecodesWithOrWithoutTheAskedHash() {
		decode("INFO\tENOIDEA\r\n\r\nINFO\tENOIDEA\t" + H2 + "\r\n\r\nINFO\tENOIDEA\tsomething else\r\n\r\n");
		assertThat(this.decoded).containsExactly(InfoUnknown.bare(), new InfoUnknown(H2), InfoUnknown.bare());
	}

	@Test
	void statusFormsAreToldApartByTheirFields() {
		decode("STATUS\t" + H1 + "\t0\r\n\r\n" + "STATUS\t" + H1 + "\t37\r\n\r\n" + "STATUS\t" + H1 + "\t100\r\n\r\n"
				+ "STATUS\t" + H1 + "\t100\tTIME\t95.25\r\n\r\n");
		assertThat(this.decoded).containsExactly(new ProgressStatus(H1, 0), new ProgressStatus(H1, 37),
				new ProgressStatus(H1, 100), new CompletedStatus(H1, Duration.ofMillis(95_250)));
	}

	@Test
	void percentagesOver100AndBadSecondsAreRejected() {
		assertThatExceptionOfType(BurnCodecException.class).isThrownBy(() -> decode("STATUS\t" + H1 + "\t101\r\n\r\n"))
			.withMessageContaining("percentage 101 is over 100");
		assertThatExceptionOfType(BurnCodecException.class)
			.isThrownBy(() -> decode("STATUS\t" + H1 + "\t100\tTIME\t-3\r\n\r\n"))
			.withMessageContaining("seconds '-3'");
		assertThatExceptionOfType(BurnCodecException.class).isThrownBy(() -> decode("STATUS\t" + H1 + "\tDONE\r\n\r\n"))
			.withMessageContaining("'DONE' is neither a percentage nor PASS or FAIL");
	}

	@Test
	void emptyHashFieldsInCapAreSkipped() {
		decode("CAP\tBURNDVD\t\r\n\r\nCAP\tBURNCDR\t" + H1 + "\t\t" + H2 + "\r\n\r\n");
		assertThat(this.decoded).containsExactly(Cap.of(BurnerType.BURNDVD), Cap.of(BurnerType.BURNCDR, H1, H2));
	}

	@Test
	void bareCapOfAFrontEndMeansNoDriveAndEncodesBackBare() {
		decode("CAP\r\n\r\nCAP\t\r\n\r\n");
		assertThat(this.decoded).containsExactly(Cap.none(), Cap.none());
		assertThat(new BurnEncoder().encodeToString(Cap.none())).isEqualTo("CAP\r\n\r\n");
	}

	@Test
	void oneLineCommandWithExtraLinesIsRejected() {
		assertThatExceptionOfType(BurnCodecException.class).isThrownBy(() -> decode("OPEN\r\nnow\r\n\r\n"))
			.withMessageContaining("OPEN takes one line but the message has 2 lines");
	}

	@Test
	void listEntryErrorsNameTheLine() {
		assertThatExceptionOfType(BurnCodecException.class)
			.isThrownBy(() -> decode("QLIST\r\n1\t" + H1 + "\t1\r\n2\t" + H2 + "\tsoon\r\n\r\n"))
			.withMessageContaining("QLIST line 3: priority 'soon' is not an integer");
		assertThatExceptionOfType(BurnCodecException.class)
			.isThrownBy(() -> decode("SLIST\r\n" + UID1 + "\t-\r\n\r\n"))
			.withMessageContaining("SLIST line 2: has 2 fields but needs 3");
	}

	@Test
	void invalidUtf8IsABadMessageNotAFramingError() {
		byte[] wire = bytes("ERROR\tX\tbad \u0000\r\n\r\nQOK\r\n\r\n");
		wire[10] = (byte) 0xff;
		ByteBuffer in = ByteBuffer.wrap(wire);
		assertThatExceptionOfType(BurnCodecException.class).isThrownBy(() -> this.decoder.decode(in, this.decoded::add))
			.satisfies((ex) -> assertThat(ex.isFramingIntact()).isTrue())
			.withMessageContaining("not valid UTF-8 at byte 10");
		this.decoder.decode(in, this.decoded::add);
		assertThat(this.decoded).containsExactly(new QueueOk());
	}

	@Test
	void tooManyFieldsOnALineIsABadMessage() {
		BurnDecoder small = new BurnDecoder(1024, 4096, 4);
		assertThatExceptionOfType(BurnCodecException.class)
			.isThrownBy(() -> small.decode(ByteBuffer.wrap(bytes("CAP\tBURNDVD\t" + H1 + "\t" + H1 + "\t" + H1
					+ "\r\n\r\n")), this.decoded::add))
			.satisfies((ex) -> assertThat(ex.isFramingIntact()).isTrue())
			.withMessageContaining("line 1 has more than 4 fields (maxFields)");
		assertThat(small.isFailed()).isFalse();
	}

	@Test
	void overlongLineFailsTheDecoderAsSoonAsTheLimitIsPassed() {
		BurnDecoder small = new BurnDecoder(10, 1000, 10);
		ByteBuffer in = ByteBuffer.wrap(bytes("QOK\r\n\r\nERROR\tX\tmuch too long for ten bytes\r\n\r\nQOK\r\n\r\n"));
		assertThatExceptionOfType(BurnCodecException.class).isThrownBy(() -> small.decode(in, this.decoded::add))
			.satisfies((ex) -> assertThat(ex.isFramingIntact()).isFalse())
			.withMessageContaining("line longer than 10 bytes (maxLineLength)")
			.withMessageContaining("stream byte 7");
		assertThat(in.position()).as("stopped at the 11th byte of the line").isEqualTo(7 + 11);
		assertThat(this.decoded).containsExactly(new QueueOk());
		assertThat(small.isFailed()).isTrue();
		assertThat(small.bufferedBytes()).isZero();
		assertThatExceptionOfType(BurnCodecException.class)
			.isThrownBy(() -> small.decode(ByteBuffer.wrap(bytes("QOK\r\n\r\n")), this.decoded::add))
			.satisfies((ex) -> assertThat(ex.isFramingIntact()).isFalse())
			.withMessageContaining("unusable after an earlier error");
	}

	@Test
	void overlongMessageFailsTheDecoderWithoutGrowingPastTheLimit() {
		BurnDecoder small = new BurnDecoder(100, 300, 10);
		StringBuilder list = new StringBuilder("QLIST");
		for (int i = 0; i < 10; i++) {
			list.append("\r\n").append(i).append('\t').append(H1).append("\t1");
		}
		ByteBuffer in = ByteBuffer.wrap(bytes(list + "\r\n\r\n"));
		assertThatExceptionOfType(BurnCodecException.class).isThrownBy(() -> small.decode(in, this.decoded::add))
			.satisfies((ex) -> assertThat(ex.isFramingIntact()).isFalse())
			.withMessageContaining("message longer than 300 bytes (maxMessageBytes)");
		assertThat(small.bufferCapacity()).isLessThanOrEqualTo(300);
		assertThat(small.isFailed()).isTrue();
	}

	@Test
	void messageOfExactlyMaxMessageBytesIsAcceptedCountingEachLineBreakAsOneByte() {
		BurnDecoder exact = new BurnDecoder(100, 11, 10);
		exact.decode(ByteBuffer.wrap(bytes("ERROR\tX\t\r\nab\r\n\r\n")), this.decoded::add);
		assertThat(this.decoded).containsExactly(ErrorReply.of("X", "\nab"));
		assertThat(exact.bufferCapacity()).isLessThanOrEqualTo(11);
		assertThatExceptionOfType(BurnCodecException.class)
			.isThrownBy(() -> exact.decode(ByteBuffer.wrap(bytes("ERROR\tX\t\r\nabc")), this.decoded::add))
			.withMessageContaining("message longer than 11 bytes");
	}

	@Test
	void bufferShrinksAfterALargeMessage() {
		StringBuilder list = new StringBuilder("QLIST");
		for (int i = 0; i < 1000; i++) {
			list.append("\r\n").append(i).append('\t').append(H1).append("\t1");
		}
		decode(list + "\r\n\r\n");
		assertThat(this.decoded).hasSize(1);
		assertThat(this.decoder.bufferCapacity()).isLessThanOrEqualTo(1024);
	}

	@Test
	void limitsBelowOneAreRejectedAtConstruction() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BurnDecoder(0, 10, 10))
			.withMessageContaining("maxLineLength");
		assertThatIllegalArgumentException().isThrownBy(() -> new BurnDecoder(10, 0, 10))
			.withMessageContaining("maxMessageBytes");
		assertThatIllegalArgumentException().isThrownBy(() -> new BurnDecoder(10, 10, 0))
			.withMessageContaining("maxFields");
	}

	@Test
	void loneCarriageReturnInFreeTextBecomesALineBreak() {
		decode("ERROR\tX\ta\rb\r\n\r\n");
		assertThat(this.decoded).containsExactly(ErrorReply.of("X", "a\nb"));
	}

	private void decode(String wire) {
		this.decoder.decode(ByteBuffer.wrap(bytes(wire)), this.decoded::add);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
