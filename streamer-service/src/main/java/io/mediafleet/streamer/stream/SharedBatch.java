package io.mediafleet.streamer.stream;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames of one radio encoded once for every listener of the {@link ListenerServer}: read-only buffers over the
 * frames' bytes, each with the song it belongs to (for ICY metadata). Listeners get {@link ByteBuffer#duplicate()
 * duplicates} (their own position), never copies.
 */
final class SharedBatch {

	static final SharedBatch EMPTY = new SharedBatch(new ByteBuffer[0], new SongInfo[0], new int[] { 0 });

	private final ByteBuffer[] chunks;

	private final SongInfo[] songs;

	/** Byte offset where each frame starts, plus the total length at the end. */
	private final int[] frameStarts;

	private SharedBatch(ByteBuffer[] chunks, SongInfo[] songs, int[] frameStarts) {
		this.chunks = chunks;
		this.songs = songs;
		this.frameStarts = frameStarts;
	}

	/**
	 * Copies the frames into one buffer (a write tick's worth, a few KiB, once per radio): one chunk per run of
	 * frames of the same song.
	 */
	static SharedBatch copyOf(List<Frame> frames) {
		if (frames.isEmpty()) {
			return EMPTY;
		}
		int[] starts = new int[frames.size() + 1];
		int total = 0;
		for (int i = 0; i < frames.size(); i++) {
			starts[i] = total;
			total += frames.get(i).length();
		}
		starts[frames.size()] = total;
		// Direct: the kernel copies straight from it, without the JDK's per-write copy of heap buffers.
		ByteBuffer data = ByteBuffer.allocateDirect(total);
		List<ByteBuffer> chunks = new ArrayList<>();
		List<SongInfo> songs = new ArrayList<>();
		int runStart = 0;
		for (int i = 0; i < frames.size(); i++) {
			Frame frame = frames.get(i);
			data.put(starts[i], frame.data(), frame.offset(), frame.length());
			if (i + 1 == frames.size() || frames.get(i + 1).song() != frame.song()) {
				chunks.add(data.slice(starts[runStart], starts[i + 1] - starts[runStart]).asReadOnlyBuffer());
				songs.add(frame.song());
				runStart = i + 1;
			}
		}
		return new SharedBatch(chunks.toArray(ByteBuffer[]::new), songs.toArray(SongInfo[]::new), starts);
	}

	/**
	 * Views of the frames without copying (the burst for a joining listener): one chunk per run of frames that are
	 * adjacent in the same array and of the same song.
	 */
	static SharedBatch viewOf(List<Frame> frames) {
		if (frames.isEmpty()) {
			return EMPTY;
		}
		List<ByteBuffer> chunks = new ArrayList<>();
		List<SongInfo> songs = new ArrayList<>();
		int[] starts = new int[frames.size() + 1];
		int total = 0;
		Frame first = frames.get(0);
		int runOffset = first.offset();
		int runLength = 0;
		for (int i = 0; i < frames.size(); i++) {
			Frame frame = frames.get(i);
			starts[i] = total;
			total += frame.length();
			runLength += frame.length();
			Frame next = (i + 1 < frames.size()) ? frames.get(i + 1) : null;
			if (next == null || next.data() != frame.data() || next.offset() != frame.offset() + frame.length()
					|| next.song() != frame.song()) {
				chunks.add(ByteBuffer.wrap(frame.data(), runOffset, runLength).slice().asReadOnlyBuffer());
				songs.add(frame.song());
				if (next != null) {
					runOffset = next.offset();
					runLength = 0;
				}
			}
		}
		starts[frames.size()] = total;
		return new SharedBatch(chunks.toArray(ByteBuffer[]::new), songs.toArray(SongInfo[]::new), starts);
	}

	int frameCount() {
		return this.frameStarts.length - 1;
	}

	int length() {
		return this.frameStarts[this.frameStarts.length - 1];
	}

	/** Byte offset of frame {@code index} ({@code frameCount()} gives the length). */
	int frameStart(int index) {
		return this.frameStarts[Math.min(index, this.frameStarts.length - 1)];
	}

	int chunkCount() {
		return this.chunks.length;
	}

	/** A listener's own view of chunk {@code index}: shares the bytes, has its own position. */
	ByteBuffer chunk(int index) {
		return this.chunks[index].duplicate();
	}

	int chunkLength(int index) {
		return this.chunks[index].remaining();
	}

	SongInfo song(int index) {
		return this.songs[index];
	}

}
