package io.mediafleet.streamer.mp3;

import io.mediafleet.streamer.mp3.Mp3FrameHeader.MpegVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Mp3FrameHeaderTests {

	@Test
	void mpeg1At128kbpsAnd44kHzIs417BytesOf1152Samples() {
		Mp3FrameHeader header = Mp3FrameHeader.parse(0xFFFB9064);
		assertThat(header).isNotNull();
		assertThat(header.version()).isEqualTo(MpegVersion.MPEG1);
		assertThat(header.bitrateKbps()).isEqualTo(128);
		assertThat(header.sampleRate()).isEqualTo(44100);
		assertThat(header.crcProtected()).isFalse();
		assertThat(header.frameLength()).isEqualTo(417);
		assertThat(header.samplesPerFrame()).isEqualTo(1152);
		assertThat(header.durationNanos()).isEqualTo(26_122_448L);
	}

	@Test
	void paddingAddsOneByte() {
		Mp3FrameHeader header = Mp3FrameHeader.parse(0xFFFB9264);
		assertThat(header.padding()).isTrue();
		assertThat(header.frameLength()).isEqualTo(418);
	}

	@Test
	void mpeg2HasHalfTheSamplesAndItsOwnBitrateTable() {
		// MPEG-2 (10), layer III, no CRC, bitrate index 8 = 64 kbit/s, 22,050 Hz, mono.
		Mp3FrameHeader header = Mp3FrameHeader.parse(0xFFF380C0);
		assertThat(header.version()).isEqualTo(MpegVersion.MPEG2);
		assertThat(header.bitrateKbps()).isEqualTo(64);
		assertThat(header.sampleRate()).isEqualTo(22050);
		assertThat(header.mono()).isTrue();
		assertThat(header.samplesPerFrame()).isEqualTo(576);
		assertThat(header.frameLength()).isEqualTo(72 * 64000 / 22050);
		assertThat(header.sideInfoLength()).isEqualTo(9);
	}

	@Test
	void mpeg25UsesQuarterSampleRates() {
		// MPEG-2.5 (00), layer III, CRC, bitrate index 4 = 32 kbit/s, sample rate index 2 = 8,000 Hz.
		Mp3FrameHeader header = Mp3FrameHeader.parse(0xFFE24800);
		assertThat(header.version()).isEqualTo(MpegVersion.MPEG2_5);
		assertThat(header.sampleRate()).isEqualTo(8000);
		assertThat(header.bitrateKbps()).isEqualTo(32);
		assertThat(header.crcProtected()).isTrue();
		assertThat(header.frameLength()).isEqualTo(288);
	}

	@Test
	void reservedAndUnsupportedValuesAreNoHeader() {
		assertThat(Mp3FrameHeader.parse(0x00FB9064)).as("no sync").isNull();
		assertThat(Mp3FrameHeader.parse(0xFFEB9064)).as("reserved version").isNull();
		assertThat(Mp3FrameHeader.parse(0xFFFD9064)).as("layer II").isNull();
		assertThat(Mp3FrameHeader.parse(0xFFFB0064)).as("free format").isNull();
		assertThat(Mp3FrameHeader.parse(0xFFFBF064)).as("bad bitrate").isNull();
		assertThat(Mp3FrameHeader.parse(0xFFFB9C64)).as("reserved sample rate").isNull();
		assertThat(Mp3FrameHeader.parse(0xFFFB9066)).as("reserved emphasis").isNull();
		assertThat(Mp3FrameHeader.parse(new byte[] { (byte) 0xFF, (byte) 0xFB, (byte) 0x90 }, 0)).as("short").isNull();
	}

	@Test
	void silentFrameHasTheSameFormatWithoutPadding() {
		for (int raw : new int[] { 0xFFFB9264, 0xFFF380C0, 0xFFE24800 }) {
			Mp3FrameHeader header = Mp3FrameHeader.parse(raw);
			byte[] silence = header.silentFrame();
			Mp3FrameHeader parsed = Mp3FrameHeader.parse(silence, 0);
			assertThat(parsed).isEqualTo(new Mp3FrameHeader(header.version(), header.bitrateKbps(),
					header.sampleRate(), false, false, header.mono()));
			assertThat(silence).hasSize(parsed.frameLength());
		}
	}

}
