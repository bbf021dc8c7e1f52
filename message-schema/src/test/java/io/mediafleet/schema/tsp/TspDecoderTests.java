package io.mediafleet.schema.tsp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Framing, limits and PLAY streaming of {@link TspDecoder}.
 */
class TspDecoderTests {

	private final List<TspFrame> decoded = new ArrayList<>();

	@Test
	void frameFedOneByteAtATimeIsEmittedAfterItsLastByte() {
		byte[] wire = hex("06 0000002a 00000004 6e6f7065");
		TspDecoder decoder = new TspDecoder();
		for (int i = 0; i < wire.length; i++) {
			decoder.decode(ByteBuffer.wrap(wire, i, 1), this.decoded::add);
			assertThat(this.decoded).as("after byte %d", i).hasSize((i == wire.length - 1) ? 1 : 0);
		}
		assertThat(this.decoded).containsExactly(TspFrame.error(42, "nope"));
	}

	@Test
	void headerOnlyFramesEndAfterFiveBytes() {
		new TspDecoder().decode(ByteBuffer.wrap(hex("04 0000002a 05 ffffffff 01 ffffffff 00000000")), this.decoded::add);
		assertThat(this.decoded).containsExactly(TspFrame.of(TspType.STOP, 42), TspFrame.of(TspType.QUIT, -1),
				TspFrame.of(TspType.LIST, -1));
	}

	@Test
	void manyFramesInOneBufferAreEmittedInOrder() {
		TspEncoder encoder = new TspEncoder();
		ByteArrayOutputStream stream = new ByteArrayOutputStream();
		List<TspFrame> frames = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			TspType type = TspType.ofCode(i % 8);
			TspFrame frame = type.carriesPayload() ? TspFrame.ofText(type, i, "payload " + i) : TspFrame.of(type, i);
			frames.add(frame);
			stream.writeBytes(encoder.encode(frame));
		}
		new TspDecoder().decode(ByteBuffer.wrap(stream.toByteArray()), this.decoded::add);
		assertThat(this.decoded).containsExactlyElementsOf(frames);
	}

	@Test
	void unknownTypeByteFailsTheDecoderAtThatByte() {
		TspDecoder decoder = new TspDecoder();
		ByteBuffer in = ByteBuffer.wrap(hex("04 00000001 08 00000001"));
		assertThatExceptionOfType(TspCodecException.class).isThrownBy(() -> decoder.decode(in, this.decoded::add))
			.withMessage("unknown frame type 0x08 at stream byte 5");
		assertThat(in.position()).isEqualTo(6);
		assertThat(this.decoded).containsExactly(TspFrame.of(TspType.STOP, 1));
		assertThat(decoder.isFailed()).isTrue();
		assertThatExceptionOfType(TspCodecException.class)
			.isThrownBy(() -> decoder.decode(ByteBuffer.wrap(hex("05 00000000")), this.decoded::add))
			.withMessageContaining("unusable after an earlier error");
	}

	@Test
	void oversizeLengthIsRejectedWhenTheHeaderIsReadBeforeAnyPayloadIsAllocated() {
		TspDecoder decoder = new TspDecoder(1024);
		ByteBuffer in = ByteBuffer.wrap(hex("03 00000007 7fffffff 00 01 02 03"));
		assertThatExceptionOfType(TspCodecException.class).isThrownBy(() -> decoder.decode(in, this.decoded::add))
			.withMessage("PLAY frame announces 2147483647 payload bytes, more than 1024 (maxPayloadBytes) "
					+ "at stream byte 0");
		assertThat(in.position()).as("stopped right after the length field").isEqualTo(9);
		assertThat(decoder.bufferCapacity()).isZero();
		assertThat(decoder.bufferedBytes()).isZero();
	}

	@Test
	void payloadOfExactlyTheLimitIsAccepted() {
		TspDecoder decoder = new TspDecoder(4);
		decoder.decode(ByteBuffer.wrap(hex("06 00000001 00000004 61626364")), this.decoded::add);
		assertThat(this.decoded).containsExactly(TspFrame.error(1, "abcd"));
		assertThatExceptionOfType(TspCodecException.class)
			.isThrownBy(() -> decoder.decode(ByteBuffer.wrap(hex("06 00000001 00000005")), this.decoded::add));
	}

	@Test
	void negativeLengthIsRejected() {
		assertThatExceptionOfType(TspCodecException.class)
			.isThrownBy(() -> new TspDecoder().decode(ByteBuffer.wrap(hex("02 00000001 ffffffff")), this.decoded::add))
			.withMessage("INFO frame announces a negative payload length -1 at stream byte 0");
	}

	@Test
	void payloadBufferGrowsWithArrivingBytesNotWithTheAnnouncedLength() {
		TspDecoder decoder = new TspDecoder(64 * 1024 * 1024);
		decoder.decode(ByteBuffer.wrap(hex("03 00000007 04000000 0102030405")), this.decoded::add);
		assertThat(this.decoded).isEmpty();
		assertThat(decoder.bufferedBytes()).isEqualTo(5);
		assertThat(decoder.bufferCapacity()).isLessThanOrEqualTo(8 * 1024);
	}

	@Test
	void largePayloadArrivesWhole() {
		byte[] mp3 = new byte[3 * 1024 * 1024 + 17];
		for (int i = 0; i < mp3.length; i++) {
			mp3[i] = (byte) (i * 31);
		}
		TspFrame frame = TspFrame.of(TspType.PLAY, 7, mp3);
		byte[] wire = new TspEncoder().encode(frame);
		TspDecoder decoder = new TspDecoder(4 * 1024 * 1024);
		for (int offset = 0; offset < wire.length; offset += 65_536) {
			decoder.decode(ByteBuffer.wrap(wire, offset, Math.min(65_536, wire.length - offset)), this.decoded::add);
			assertThat(decoder.bufferCapacity()).isLessThanOrEqualTo(4 * 1024 * 1024);
		}
		assertThat(this.decoded).containsExactly(frame);
		assertThat(decoder.bufferCapacity()).as("large buffer released").isZero();
	}

	@Test
	void playPayloadIsStreamedToTheListenerWithoutBuffering() {
		RecordingListener listener = new RecordingListener();
		TspDecoder decoder = new TspDecoder(16, listener);
		byte[] mp3 = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
		ByteArrayOutputStream stream = new ByteArrayOutputStream();
		stream.writeBytes(new TspEncoder().encode(TspFrame.of(TspType.PLAY, 7, mp3)));
		stream.writeBytes(new TspEncoder().encode(TspFrame.error(7, "late")));
		stream.writeBytes(new TspEncoder().encode(TspFrame.of(TspType.PLAY, 8)));
		byte[] wire = stream.toByteArray();
		for (int offset = 0; offset < wire.length; offset += 5) {
			decoder.decode(ByteBuffer.wrap(wire, offset, Math.min(5, wire.length - offset)), this.decoded::add);
			assertThat(decoder.bufferedBytes()).isLessThanOrEqualTo(16);
		}
		assertThat(listener.events).containsExactly("start 7 36", "end 7", "start 8 0", "end 8");
		assertThat(listener.bytes.toByteArray()).isEqualTo(mp3);
		assertThat(this.decoded).containsExactly(TspFrame.error(7, "late"));
		assertThat(decoder.bufferCapacity()).isLessThanOrEqualTo(16);
	}

	@Test
	void limitBelowOneIsRejectedAtConstruction() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TspDecoder(0)).withMessageContaining("maxPayloadBytes");
	}

	static byte[] hex(String spaced) {
		return HexFormat.of().parseHex(spaced.replace(" ", ""));
	}

	private static final class RecordingListener implements PlayPayloadListener {

		final List<String> events = new ArrayList<>();

		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		@Override
		public void payloadStarted(int songId, int length) {
			this.events.add("start " + songId + " " + length);
		}

		@Override
		public void payloadChunk(int songId, ByteBuffer chunk) {
			assertThat(chunk.isReadOnly()).isTrue();
			byte[] copy = new byte[chunk.remaining()];
			chunk.get(copy);
			this.bytes.writeBytes(copy);
		}

		@Override
		public void payloadEnded(int songId) {
			this.events.add("end " + songId);
		}

	}

}
