package io.mediafleet.streamer.mp3;

import org.jspecify.annotations.Nullable;

/**
 * One MPEG audio layer III frame header, decoded from its four bytes.
 * <p>
 * Example: the bytes {@code FF FB 90 64} are sync (11 bits set), MPEG-1 ({@code 11}), layer III ({@code 01}), no CRC,
 * bitrate index 9 (128 kbit/s), sample rate index 0 (44,100 Hz), no padding, joint stereo: a frame of
 * {@code 144 * 128000 / 44100 = 417} bytes holding 1,152 samples (26.12 ms).
 *
 * @param version the MPEG version
 * @param bitrateKbps the frame's bitrate in kbit/s (free format is not supported)
 * @param sampleRate samples per second
 * @param padding whether the frame carries one padding byte
 * @param crcProtected whether a 16-bit CRC follows the header
 * @param mono whether the channel mode is single channel
 */
public record Mp3FrameHeader(MpegVersion version, int bitrateKbps, int sampleRate, boolean padding,
		boolean crcProtected, boolean mono) {

	/** Size of a frame header in bytes. */
	public static final int SIZE = 4;

	private static final int[] BITRATES_V1 = { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320 };

	private static final int[] BITRATES_V2 = { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160 };

	private static final int[] SAMPLE_RATES_V1 = { 44100, 48000, 32000 };

	/**
	 * The MPEG version of a frame; version 2.5 is the unofficial low-sample-rate extension.
	 */
	public enum MpegVersion {

		/** MPEG-1: 32, 44.1 and 48 kHz, 1,152 samples per frame. */
		MPEG1(1, 1152),
		/** MPEG-2: 16, 22.05 and 24 kHz, 576 samples per frame. */
		MPEG2(2, 576),
		/** MPEG-2.5: 8, 11.025 and 12 kHz, 576 samples per frame. */
		MPEG2_5(4, 576);

		private final int sampleRateDivisor;

		private final int samplesPerFrame;

		MpegVersion(int sampleRateDivisor, int samplesPerFrame) {
			this.sampleRateDivisor = sampleRateDivisor;
			this.samplesPerFrame = samplesPerFrame;
		}

	}

	public Mp3FrameHeader {
		if (bitrateKbps <= 0 || sampleRate <= 0) {
			throw new IllegalArgumentException("bitrate and sample rate must be positive");
		}
	}

	/**
	 * Decodes the header at {@code offset} of {@code data}, or returns {@code null} when those bytes are not a
	 * supported layer III header (no sync, reserved fields, free format, or fewer than four bytes left).
	 */
	public static @Nullable Mp3FrameHeader parse(byte[] data, int offset) {
		if (offset < 0 || offset > data.length - SIZE) {
			return null;
		}
		int header = ((data[offset] & 0xFF) << 24) | ((data[offset + 1] & 0xFF) << 16) | ((data[offset + 2] & 0xFF) << 8)
				| (data[offset + 3] & 0xFF);
		return parse(header);
	}

	/** Decodes a header given as a big-endian int, or returns {@code null} when it is not a supported header. */
	public static @Nullable Mp3FrameHeader parse(int header) {
		if ((header >>> 21) != 0x7FF) {
			return null;
		}
		MpegVersion version = switch ((header >>> 19) & 3) {
			case 0 -> MpegVersion.MPEG2_5;
			case 2 -> MpegVersion.MPEG2;
			case 3 -> MpegVersion.MPEG1;
			default -> null;
		};
		int layerBits = (header >>> 17) & 3;
		int bitrateIndex = (header >>> 12) & 0xF;
		int sampleRateIndex = (header >>> 10) & 3;
		// Emphasis 2 is reserved: rejecting it removes many false syncs in random data.
		if (version == null || layerBits != 1 || bitrateIndex == 0 || bitrateIndex == 15 || sampleRateIndex == 3
				|| (header & 3) == 2) {
			return null;
		}
		int bitrate = (version == MpegVersion.MPEG1) ? BITRATES_V1[bitrateIndex] : BITRATES_V2[bitrateIndex];
		int sampleRate = SAMPLE_RATES_V1[sampleRateIndex] / version.sampleRateDivisor;
		boolean crc = ((header >>> 16) & 1) == 0;
		boolean padding = ((header >>> 9) & 1) == 1;
		boolean mono = ((header >>> 6) & 3) == 3;
		return new Mp3FrameHeader(version, bitrate, sampleRate, padding, crc, mono);
	}

	/** Samples per channel in this frame. */
	public int samplesPerFrame() {
		return this.version.samplesPerFrame;
	}

	/** Length of the whole frame in bytes, header included. */
	public int frameLength() {
		int coefficient = (this.version == MpegVersion.MPEG1) ? 144 : 72;
		return coefficient * this.bitrateKbps * 1000 / this.sampleRate + (this.padding ? 1 : 0);
	}

	/** How long the frame plays, in nanoseconds. */
	public long durationNanos() {
		return samplesPerFrame() * 1_000_000_000L / this.sampleRate;
	}

	/** Bytes of side information after the header (and CRC); a Xing/Info header starts right after them. */
	public int sideInfoLength() {
		if (this.version == MpegVersion.MPEG1) {
			return this.mono ? 17 : 32;
		}
		return this.mono ? 9 : 17;
	}

	/** Whether another frame can follow this one in the same stream: same version and sample rate. */
	public boolean isCompatibleWith(Mp3FrameHeader other) {
		return this.version == other.version && this.sampleRate == other.sampleRate;
	}

	/**
	 * A frame of this format that decodes to silence: the header (without padding or CRC) followed by zeros, which
	 * is side information announcing no main data.
	 */
	public byte[] silentFrame() {
		Mp3FrameHeader plain = new Mp3FrameHeader(this.version, this.bitrateKbps, this.sampleRate, false, false,
				this.mono);
		byte[] frame = new byte[plain.frameLength()];
		int versionBits = switch (this.version) {
			case MPEG1 -> 3;
			case MPEG2 -> 2;
			case MPEG2_5 -> 0;
		};
		int[] bitrates = (this.version == MpegVersion.MPEG1) ? BITRATES_V1 : BITRATES_V2;
		int bitrateIndex = indexOf(bitrates, this.bitrateKbps);
		int sampleRateIndex = indexOf(SAMPLE_RATES_V1, this.sampleRate * this.version.sampleRateDivisor);
		frame[0] = (byte) 0xFF;
		frame[1] = (byte) (0xE0 | (versionBits << 3) | (1 << 1) | 1);
		frame[2] = (byte) ((bitrateIndex << 4) | (sampleRateIndex << 2));
		frame[3] = (byte) (this.mono ? 0xC0 : 0x40);
		return frame;
	}

	private static int indexOf(int[] values, int value) {
		for (int i = 0; i < values.length; i++) {
			if (values[i] == value) {
				return i;
			}
		}
		throw new IllegalArgumentException("No table entry for " + value);
	}

}
