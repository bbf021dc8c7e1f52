package io.mediafleet.schema.tsp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static io.mediafleet.schema.tsp.TspDecoderTests.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The type vocabulary, the frame record and the encoder.
 */
class TspFrameTests {

	@Test
	void typesOwnTheOriginalCodesPlusErrorAndBroadcastList() {
		assertThat(Arrays.stream(TspType.values()).mapToInt(TspType::code)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
		assertThat(TspType.ofCode(7)).isEqualTo(TspType.BROADCAST_LIST);
		assertThat(Arrays.stream(TspType.values()).filter((type) -> !type.carriesPayload()))
			.containsExactly(TspType.STOP, TspType.QUIT);
	}

	@Test
	void unknownCodeIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> TspType.ofCode(8))
			.withMessage("unknown frame type 8, expected 0 to 7");
		assertThatIllegalArgumentException().isThrownBy(() -> TspType.ofCode(-1));
	}

	@Test
	void payloadIsCopiedOnTheWayInAndOut() {
		byte[] bytes = { 1, 2, 3 };
		TspFrame frame = TspFrame.of(TspType.PLAY, 1, bytes);
		bytes[0] = 9;
		assertThat(frame.payload()).containsExactly(1, 2, 3);
		frame.payload()[1] = 9;
		assertThat(frame.payload()).containsExactly(1, 2, 3);
		assertThat(frame.payloadBuffer().isReadOnly()).isTrue();
	}

	@Test
	void framesWithEqualContentAreEqual() {
		TspFrame one = TspFrame.ofText(TspType.ERROR, 3, "x");
		TspFrame two = TspFrame.of(TspType.ERROR, 3, "x".getBytes(StandardCharsets.UTF_8));
		assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
		assertThat(one).isNotEqualTo(TspFrame.ofText(TspType.ERROR, 3, "y"))
			.isNotEqualTo(TspFrame.ofText(TspType.ERROR, 4, "x"))
			.isNotEqualTo(TspFrame.ofText(TspType.INFO, 3, "x"));
		assertThat(one.toString()).isEqualTo("TspFrame[type=ERROR, songId=3, payload=1 bytes]");
	}

	@Test
	void headerOnlyTypesRefuseAPayload() {
		assertThatIllegalArgumentException().isThrownBy(() -> TspFrame.of(TspType.STOP, 1, new byte[1]))
			.withMessage("STOP frames carry no payload but 1 bytes were given");
	}

	@Test
	void payloadTextRejectsInvalidUtf8() {
		assertThatExceptionOfType(TspCodecException.class)
			.isThrownBy(() -> TspFrame.of(TspType.ERROR, 1, new byte[] { (byte) 0xc3 }).payloadText())
			.withMessageContaining("not valid UTF-8");
	}

	@Test
	void encoderAlwaysWritesTheLengthFieldForPayloadTypes() {
		TspEncoder encoder = new TspEncoder();
		assertThat(encoder.encode(TspFrame.of(TspType.LIST, TspFrame.NO_SONG))).isEqualTo(hex("01 ffffffff 00000000"));
		assertThat(encoder.encode(TspFrame.of(TspType.QUIT, TspFrame.NO_SONG))).isEqualTo(hex("05 ffffffff"));
		assertThat(encoder.encode(TspFrame.ofText(TspType.ERROR, 258, "é"))).isEqualTo(hex("06 00000102 00000002 c3a9"));
	}

	@Test
	void headerForAPayloadWrittenSeparatelyMatchesTheFullFrame() {
		TspEncoder encoder = new TspEncoder();
		byte[] payload = { 10, 20, 30 };
		byte[] header = encoder.encodeHeader(TspType.PLAY, 7, payload.length);
		byte[] full = encoder.encode(TspFrame.of(TspType.PLAY, 7, payload));
		assertThat(Arrays.copyOf(header, full.length - payload.length)).isEqualTo(Arrays.copyOf(full, header.length));
		assertThat(header).hasSize(9);
		assertThat(encoder.encodeHeader(TspType.STOP, 7, 0)).isEqualTo(hex("04 00000007"));
		assertThatIllegalArgumentException().isThrownBy(() -> encoder.encodeHeader(TspType.STOP, 7, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> encoder.encodeHeader(TspType.PLAY, 7, -1));
	}

}
