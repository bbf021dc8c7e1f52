package io.mediafleet.streamer.mp3;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Reads title and artist from ID3v2 (versions 2.2 to 2.4) and ID3v1 tags; everything else in the tags is skipped.
 */
final class Id3Tags {

	static final int V2_HEADER_SIZE = 10;

	static final int V1_SIZE = 128;

	private @Nullable String title;

	private @Nullable String artist;

	private final int maxTextLength;

	Id3Tags(int maxTextLength) {
		this.maxTextLength = maxTextLength;
	}

	@Nullable String title() {
		return this.title;
	}

	@Nullable String artist() {
		return this.artist;
	}

	/**
	 * Total size of the ID3v2 tag at {@code offset} (header, body and footer), or 0 when there is none; the frames
	 * inside are read for title and artist.
	 */
	int readV2(byte[] data, int offset) {
		if (offset > data.length - V2_HEADER_SIZE || data[offset] != 'I' || data[offset + 1] != 'D'
				|| data[offset + 2] != '3') {
			return 0;
		}
		int major = data[offset + 3] & 0xFF;
		int flags = data[offset + 5] & 0xFF;
		long bodySize = syncsafe(data, offset + 6);
		if (major < 2 || major > 4 || bodySize < 0) {
			return 0;
		}
		long total = V2_HEADER_SIZE + bodySize + (((flags & 0x10) != 0) ? V2_HEADER_SIZE : 0);
		int end = (int) Math.min(data.length, offset + total);
		// Whole-tag unsynchronisation (flag 0x80) changes frame bytes; such rare tags are skipped unread.
		if ((flags & 0x80) == 0) {
			int position = offset + V2_HEADER_SIZE;
			if (major >= 3 && (flags & 0x40) != 0 && position + 4 <= end) {
				long extended = (major == 4) ? syncsafe(data, position) : uint32(data, position);
				position += (int) Math.min(end - position, (major == 4) ? extended : extended + 4);
			}
			readV2Frames(data, position, end, major);
		}
		return (int) Math.min(total, data.length - (long) offset);
	}

	private void readV2Frames(byte[] data, int start, int end, int major) {
		int idLength = (major == 2) ? 3 : 4;
		int headerLength = (major == 2) ? 6 : 10;
		int position = start;
		while (position + headerLength <= end && data[position] != 0) {
			String id = new String(data, position, idLength, StandardCharsets.ISO_8859_1);
			long size = switch (major) {
				case 2 -> ((data[position + 3] & 0xFF) << 16) | ((data[position + 4] & 0xFF) << 8)
						| (data[position + 5] & 0xFF);
				case 3 -> uint32(data, position + 4);
				default -> syncsafe(data, position + 4);
			};
			if (size < 0 || size > end - position - headerLength) {
				return;
			}
			int body = position + headerLength;
			if (id.equals("TIT2") || id.equals("TT2")) {
				this.title = text(data, body, (int) size);
			}
			else if (id.equals("TPE1") || id.equals("TP1")) {
				this.artist = text(data, body, (int) size);
			}
			position = body + (int) size;
		}
	}

	private @Nullable String text(byte[] data, int offset, int length) {
		if (length < 1) {
			return null;
		}
		int encoding = data[offset] & 0xFF;
		Charset charset = switch (encoding) {
			case 0 -> StandardCharsets.ISO_8859_1;
			case 1 -> StandardCharsets.UTF_16;
			case 2 -> StandardCharsets.UTF_16BE;
			case 3 -> StandardCharsets.UTF_8;
			default -> null;
		};
		if (charset == null) {
			return null;
		}
		// Several values are separated by NUL; the first one is the title or the main artist.
		return clean(new String(data, offset + 1, length - 1, charset));
	}

	/** Reads an ID3v1 tag from the last 128 bytes before {@code end}; returns whether there was one. */
	boolean readV1(byte[] data, int start, int end) {
		int offset = end - V1_SIZE;
		if (offset < start || data[offset] != 'T' || data[offset + 1] != 'A' || data[offset + 2] != 'G') {
			return false;
		}
		if (this.title == null) {
			this.title = clean(new String(data, offset + 3, 30, StandardCharsets.ISO_8859_1));
		}
		if (this.artist == null) {
			this.artist = clean(new String(data, offset + 33, 30, StandardCharsets.ISO_8859_1));
		}
		return true;
	}

	private @Nullable String clean(String raw) {
		int nul = raw.indexOf('\0');
		String value = ((nul >= 0) ? raw.substring(0, nul) : raw).strip();
		StringBuilder printable = new StringBuilder(Math.min(value.length(), this.maxTextLength));
		for (int i = 0; i < value.length() && printable.length() < this.maxTextLength; i++) {
			char c = value.charAt(i);
			// Control characters would break the ICY StreamTitle='...' line and logs.
			printable.append(Character.isISOControl(c) ? ' ' : c);
		}
		String result = printable.toString().strip();
		return result.isEmpty() ? null : result;
	}

	private static long syncsafe(byte[] data, int offset) {
		int value = 0;
		for (int i = 0; i < 4; i++) {
			int b = data[offset + i] & 0xFF;
			if (b >= 0x80) {
				return -1;
			}
			value = (value << 7) | b;
		}
		return value;
	}

	private static long uint32(byte[] data, int offset) {
		return ((long) (data[offset] & 0xFF) << 24) | ((data[offset + 1] & 0xFF) << 16)
				| ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
	}

}
