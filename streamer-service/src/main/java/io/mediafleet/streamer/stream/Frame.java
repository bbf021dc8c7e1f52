package io.mediafleet.streamer.stream;

/**
 * One MP3 frame on its way to listeners: a slice of a shared array (never copied per listener) and the song it
 * belongs to.
 *
 * @param data the array holding the frame, shared by every listener
 * @param offset where the frame starts in {@code data}
 * @param length the frame's length in bytes
 * @param durationNanos how long the frame plays
 * @param song the song playing, for ICY metadata
 */
record Frame(byte[] data, int offset, int length, long durationNanos, SongInfo song) {

}
