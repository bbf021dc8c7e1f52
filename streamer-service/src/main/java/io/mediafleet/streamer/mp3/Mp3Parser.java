package io.mediafleet.streamer.mp3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;

import io.mediafleet.schema.codec.Limits;
import org.jspecify.annotations.Nullable;

/**
 * Finds the audio frames of an MP3 file (MPEG-1, 2 and 2.5 layer III) from their headers, without decoding audio.
 * <p>
 * Leading ID3v2 tags and a trailing ID3v1 tag are skipped and read for title and artist; a first frame holding a
 * Xing, Info or VBRI header is recognised and left out of the audio. Bytes that are not frames (garbage, a truncated
 * last frame, unknown tags) are skipped: a candidate frame is only accepted when its header is valid, it fits, it
 * matches the stream's version and sample rate, and (at the start or after skipped bytes) the next frame starts with a
 * matching header. Each
 * skipped region is counted ({@link Mp3Audio#corruptRegions()}).
 * <p>
 * Example: {@code 49 44 33 04 00 00 00 00 00 4A} is an ID3v2.4 header with a 74-byte body, skipped; at offset 84
 * {@code FF FB 90 C0} starts a 417-byte MPEG-1 128 kbit/s frame whose bytes 36-39 are {@code Info}: a CBR
 * information frame, not audio; the audio frames follow it.
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code maxFileBytes}: largest file accepted; the whole file is held in memory (default 64 MiB).</li>
 * <li>{@code maxTextLength}: longest title or artist kept, in characters (default 256).</li>
 * </ul>
 */
public final class Mp3Parser {

	/** Default largest file: about 70 minutes at 128 kbit/s. */
	public static final int DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

	/** Default longest title or artist. */
	public static final int DEFAULT_MAX_TEXT_LENGTH = 256;

	private final int maxFileBytes;

	private final int maxTextLength;

	public Mp3Parser(int maxFileBytes, int maxTextLength) {
		this.maxFileBytes = Limits.requirePositive("maxFileBytes", maxFileBytes);
		this.maxTextLength = Limits.requirePositive("maxTextLength", maxTextLength);
	}

	/** A parser with the default limits. */
	public static Mp3Parser withDefaults() {
		return new Mp3Parser(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_TEXT_LENGTH);
	}

	public int maxFileBytes() {
		return this.maxFileBytes;
	}

	/**
	 * Reads and parses a regular file, refusing it before reading when it is larger than the limit.
	 * @throws IOException when the file cannot be read
	 * @throws Mp3Exception when it is too large or holds no audio frame
	 */
	public Mp3Audio read(Path file) throws IOException, Mp3Exception {
		if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
			throw new Mp3Exception("'" + file + "' is not a regular file");
		}
		long size = Files.size(file);
		if (size > this.maxFileBytes) {
			throw new Mp3Exception("'" + file + "' is " + size + " bytes, over the limit of " + this.maxFileBytes);
		}
		try (InputStream in = Files.newInputStream(file)) {
			// The file may have grown since size(): never read more than the limit plus one byte.
			byte[] data = in.readNBytes(this.maxFileBytes + 1);
			return parse(data);
		}
	}

	/**
	 * Finds the frames in {@code data}; the array is kept (not copied) by the result.
	 * @throws Mp3Exception when it is too large or holds no audio frame
	 */
	public Mp3Audio parse(byte[] data) throws Mp3Exception {
		if (data.length > this.maxFileBytes) {
			throw new Mp3Exception("MP3 data is " + data.length + " bytes, over the limit of " + this.maxFileBytes);
		}
		Id3Tags tags = new Id3Tags(this.maxTextLength);
		int start = 0;
		int tagSize;
		// Some tools stack several ID3v2 tags; each one is skipped.
		while (start < data.length && (tagSize = tags.readV2(data, start)) > 0) {
			start += tagSize;
		}
		int end = data.length;
		if (tags.readV1(data, start, end)) {
			end -= Id3Tags.V1_SIZE;
		}
		int capacity = Math.max(16, (end - start) / 400);
		int[] offsets = new int[capacity];
		int[] lengths = new int[capacity];
		long[] starts = new long[capacity];
		int count = 0;
		long samples = 0;
		Mp3FrameHeader first = null;
		VbrHeader vbr = VbrHeader.NONE;
		boolean inJunk = false;
		int corrupt = 0;
		int position = start;
		while (position <= end - Mp3FrameHeader.SIZE) {
			Mp3FrameHeader header = acceptableFrame(data, position, end, first, !inJunk && count > 0);
			if (header == null) {
				if (!inJunk) {
					inJunk = true;
					corrupt++;
				}
				position++;
				continue;
			}
			inJunk = false;
			int length = header.frameLength();
			if (first == null && count == 0 && vbr == VbrHeader.NONE) {
				VbrHeader information = informationHeader(data, position, length, header);
				if (information != null) {
					vbr = information;
					position += length;
					continue;
				}
			}
			if (first == null) {
				first = header;
			}
			if (count == offsets.length) {
				int grown = offsets.length * 2;
				offsets = Arrays.copyOf(offsets, grown);
				lengths = Arrays.copyOf(lengths, grown);
				starts = Arrays.copyOf(starts, grown);
			}
			offsets[count] = position;
			lengths[count] = length;
			// Time comes from the running sample count, so rounding never accumulates.
			starts[count] = samples * 1_000_000_000L / header.sampleRate();
			samples += header.samplesPerFrame();
			count++;
			position += length;
		}
		if (position < end && !inJunk) {
			corrupt++;
		}
		if (first == null) {
			throw new Mp3Exception("no MPEG layer III audio frame found in " + data.length + " bytes");
		}
		long duration = samples * 1_000_000_000L / first.sampleRate();
		return new Mp3Audio(data, Arrays.copyOf(offsets, count), Arrays.copyOf(lengths, count),
				Arrays.copyOf(starts, count), duration, first, tags.title(), tags.artist(), vbr, corrupt);
	}

	private static @Nullable Mp3FrameHeader acceptableFrame(byte[] data, int position, int end,
			@Nullable Mp3FrameHeader first, boolean locked) {
		Mp3FrameHeader header = Mp3FrameHeader.parse(data, position);
		if (header == null || (first != null && !header.isCompatibleWith(first))) {
			return null;
		}
		int next = position + header.frameLength();
		if (next > end) {
			return null;
		}
		// Right after a frame a valid header is trusted; after skipped bytes or at the start the next header must
		// confirm it, since random data holds a plausible header every few kilobytes.
		if (!locked && next <= end - Mp3FrameHeader.SIZE) {
			Mp3FrameHeader following = Mp3FrameHeader.parse(data, next);
			if (following == null || !following.isCompatibleWith(header)) {
				return null;
			}
		}
		return header;
	}

	private static @Nullable VbrHeader informationHeader(byte[] data, int position, int length,
			Mp3FrameHeader header) {
		int xing = position + Mp3FrameHeader.SIZE + (header.crcProtected() ? 2 : 0) + header.sideInfoLength();
		if (xing + 8 <= position + length) {
			boolean isXing = matches(data, xing, "Xing");
			if (isXing || matches(data, xing, "Info")) {
				int flags = (int) uint32(data, xing + 4);
				long frames = ((flags & 1) != 0 && xing + 12 <= position + length) ? uint32(data, xing + 8) : -1;
				return new VbrHeader(isXing ? VbrHeader.Kind.XING : VbrHeader.Kind.INFO, frames);
			}
		}
		int vbri = position + Mp3FrameHeader.SIZE + 32;
		if (vbri + 18 <= position + length && matches(data, vbri, "VBRI")) {
			return new VbrHeader(VbrHeader.Kind.VBRI, uint32(data, vbri + 14));
		}
		return null;
	}

	private static boolean matches(byte[] data, int offset, String ascii) {
		for (int i = 0; i < ascii.length(); i++) {
			if (data[offset + i] != ascii.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private static long uint32(byte[] data, int offset) {
		return ((long) (data[offset] & 0xFF) << 24) | ((data[offset + 1] & 0xFF) << 16)
				| ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
	}

}
