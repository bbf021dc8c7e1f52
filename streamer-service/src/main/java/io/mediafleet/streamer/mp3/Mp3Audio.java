package io.mediafleet.streamer.mp3;

import java.time.Duration;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The audio frames of one MP3 file: where each frame lies in the file's bytes and when it plays. The bytes are
 * shared, never copied, so any number of readers can stream the same file.
 */
public final class Mp3Audio {

	private final byte[] data;

	private final int[] offsets;

	private final int[] lengths;

	private final long[] startNanos;

	private final long durationNanos;

	private final Mp3FrameHeader firstHeader;

	private final @Nullable String title;

	private final @Nullable String artist;

	private final VbrHeader vbrHeader;

	private final int corruptRegions;

	Mp3Audio(byte[] data, int[] offsets, int[] lengths, long[] startNanos, long durationNanos,
			Mp3FrameHeader firstHeader, @Nullable String title, @Nullable String artist, VbrHeader vbrHeader,
			int corruptRegions) {
		this.data = data;
		this.offsets = offsets;
		this.lengths = lengths;
		this.startNanos = startNanos;
		this.durationNanos = durationNanos;
		this.firstHeader = firstHeader;
		this.title = title;
		this.artist = artist;
		this.vbrHeader = vbrHeader;
		this.corruptRegions = corruptRegions;
	}

	/** The file's bytes, shared: callers must not modify them. */
	public byte[] data() {
		return this.data;
	}

	/** Number of audio frames (an information frame such as Xing is not counted). */
	public int frameCount() {
		return this.offsets.length;
	}

	/** Offset of frame {@code index} in {@link #data()}. */
	public int frameOffset(int index) {
		return this.offsets[index];
	}

	/** Length in bytes of frame {@code index}. */
	public int frameLength(int index) {
		return this.lengths[index];
	}

	/** When frame {@code index} starts playing, in nanoseconds from the start of the file. */
	public long frameStartNanos(int index) {
		return this.startNanos[index];
	}

	/** How long frame {@code index} plays, in nanoseconds. */
	public long frameDurationNanos(int index) {
		long end = (index + 1 < this.startNanos.length) ? this.startNanos[index + 1] : this.durationNanos;
		return end - this.startNanos[index];
	}

	/** Playing time of all audio frames, computed from their headers. */
	public Duration duration() {
		return Duration.ofNanos(this.durationNanos);
	}

	/** Playing time of all audio frames in nanoseconds. */
	public long durationNanos() {
		return this.durationNanos;
	}

	/** Header of the first audio frame: the file's version, sample rate and (for constant bitrate) bitrate. */
	public Mp3FrameHeader firstHeader() {
		return this.firstHeader;
	}

	/** Average bitrate over all frames in kbit/s. */
	public int averageBitrateKbps() {
		long bytes = 0;
		for (int length : this.lengths) {
			bytes += length;
		}
		return (this.durationNanos == 0) ? this.firstHeader.bitrateKbps()
				: (int) Math.round(bytes * 8.0 / (this.durationNanos / 1e9) / 1000);
	}

	/** The title from the ID3v2 tag, else the ID3v1 tag, else {@code null}. */
	public @Nullable String title() {
		return this.title;
	}

	/** The artist from the ID3v2 tag, else the ID3v1 tag, else {@code null}. */
	public @Nullable String artist() {
		return this.artist;
	}

	/** The Xing/Info/VBRI information frame found before the audio, or {@link VbrHeader#NONE}. */
	public VbrHeader vbrHeader() {
		return this.vbrHeader;
	}

	/** Number of places where bytes that are not valid frames were skipped (resynchronisations). */
	public int corruptRegions() {
		return this.corruptRegions;
	}

	/**
	 * Index of the frame playing at {@code offsetNanos} from the start: the frame to start from when joining the
	 * file at that time. Returns {@link #frameCount()} when the offset is at or after the end.
	 */
	public int frameIndexAt(long offsetNanos) {
		if (offsetNanos <= 0) {
			return 0;
		}
		if (offsetNanos >= this.durationNanos) {
			return frameCount();
		}
		int found = Arrays.binarySearch(this.startNanos, offsetNanos);
		return (found >= 0) ? found : -found - 2;
	}

}
