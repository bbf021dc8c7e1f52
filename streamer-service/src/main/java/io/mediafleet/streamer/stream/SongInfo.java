package io.mediafleet.streamer.stream;

import java.nio.charset.StandardCharsets;

/**
 * The song a radio plays, with its ICY metadata block encoded once and shared by all listeners.
 * <p>
 * An ICY metadata block is one length byte {@code n} followed by {@code 16 * n} bytes of text padded with NUL, for
 * example {@code 02} {@code StreamTitle='Ann - Alpha';} and three NULs.
 *
 * @param title the StreamTitle shown to listeners
 * @param icyBlock the encoded metadata block, length byte included
 */
record SongInfo(String title, byte[] icyBlock) {

	/** Longest metadata text ICY can carry: 255 blocks of 16 bytes. */
	static final int MAX_ICY_TEXT = 255 * 16;

	static final SongInfo NONE = of("");

	static SongInfo of(String title) {
		// A quote would end the StreamTitle value early for many players.
		String safe = title.replace('\'', '\u2019').replaceAll("\\p{Cntrl}", " ");
		byte[] text = ("StreamTitle='" + safe + "';").getBytes(StandardCharsets.UTF_8);
		if (text.length > MAX_ICY_TEXT) {
			return of(safe.substring(0, safe.length() / 2));
		}
		int blocks = (text.length + 15) / 16;
		byte[] block = new byte[1 + blocks * 16];
		block[0] = (byte) blocks;
		System.arraycopy(text, 0, block, 1, text.length);
		return new SongInfo(title, block);
	}

}
