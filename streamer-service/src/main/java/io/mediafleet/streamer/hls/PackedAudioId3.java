package io.mediafleet.streamer.hls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The ID3v2.4 tag that starts every MP3 packed-audio segment (RFC 8216, section 3.4): a {@code PRIV} frame owned by
 * {@code com.apple.streaming.transportStreamTimestamp} carrying the 33-bit 90 kHz timestamp of the segment's first
 * sample, then a {@code TIT2} frame with the title on air (the HLS counterpart of ICY's {@code StreamTitle}).
 * <p>
 * Example, timestamp 90000 (1 s) and title "A": {@code 49 44 33 04 00 00 00 00 00 4B} (header: "ID3", version 4.0,
 * no flags, syncsafe size 75), {@code 50 52 49 56 00 00 00 35 00 00} ("PRIV", size 53), the owner string and a NUL,
 * {@code 00 00 00 00 00 01 5F 90}, then {@code 54 49 54 32 00 00 00 02 00 00 03 41} ("TIT2", size 2, UTF-8, "A").
 * <p>
 * No library is used: the Java ID3 libraries read and write tags of files, and this is two fixed frames.
 */
public final class PackedAudioId3 {

	/** Owner of the timestamp frame, as Apple's HLS specification names it. */
	static final String TIMESTAMP_OWNER = "com.apple.streaming.transportStreamTimestamp";

	/** MPEG-2 timestamps have 33 bits. */
	static final long TIMESTAMP_MASK = (1L << 33) - 1;

	/** Longest title written, in UTF-8 bytes; longer titles are cut (on a character boundary). */
	static final int MAX_TITLE_BYTES = 1024;

	private PackedAudioId3() {
	}

	/**
	 * The tag for a segment starting at {@code timestamp90kHz} (taken modulo 2^33), with {@code title} unless it is
	 * empty.
	 */
	public static byte[] tag(long timestamp90kHz, String title) {
		ByteArrayOutputStream frames = new ByteArrayOutputStream(128);
		byte[] owner = TIMESTAMP_OWNER.getBytes(StandardCharsets.ISO_8859_1);
		byte[] priv = new byte[owner.length + 1 + 8];
		System.arraycopy(owner, 0, priv, 0, owner.length);
		long timestamp = timestamp90kHz & TIMESTAMP_MASK;
		for (int i = 0; i < 8; i++) {
			priv[owner.length + 1 + i] = (byte) (timestamp >>> (56 - 8 * i));
		}
		frame(frames, "PRIV", priv);
		byte[] text = utf8(title);
		if (text.length > 0) {
			byte[] tit2 = new byte[text.length + 1];
			tit2[0] = 3; // UTF-8
			System.arraycopy(text, 0, tit2, 1, text.length);
			frame(frames, "TIT2", tit2);
		}
		byte[] body = frames.toByteArray();
		ByteArrayOutputStream tag = new ByteArrayOutputStream(10 + body.length);
		tag.writeBytes(new byte[] { 'I', 'D', '3', 4, 0, 0 });
		tag.writeBytes(syncsafe(body.length));
		tag.writeBytes(body);
		return tag.toByteArray();
	}

	private static void frame(ByteArrayOutputStream out, String id, byte[] content) {
		out.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
		out.writeBytes(syncsafe(content.length));
		out.write(0);
		out.write(0);
		out.writeBytes(content);
	}

	/** ID3v2.4 sizes: 28 bits, seven per byte, the top bit of every byte clear. */
	static byte[] syncsafe(int size) {
		if (size < 0 || size >= (1 << 28)) {
			throw new IllegalArgumentException("ID3 size out of range: " + size);
		}
		return new byte[] { (byte) ((size >> 21) & 0x7F), (byte) ((size >> 14) & 0x7F), (byte) ((size >> 7) & 0x7F),
				(byte) (size & 0x7F) };
	}

	private static byte[] utf8(String title) {
		String text = (title.length() > MAX_TITLE_BYTES) ? title.substring(0, MAX_TITLE_BYTES) : title;
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		while (bytes.length > MAX_TITLE_BYTES) {
			text = text.substring(0, text.offsetByCodePoints(0, text.codePointCount(0, text.length()) - 1));
			bytes = text.getBytes(StandardCharsets.UTF_8);
		}
		return bytes;
	}

}
