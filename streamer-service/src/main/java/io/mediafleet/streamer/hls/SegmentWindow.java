package io.mediafleet.streamer.hls;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * Cuts one radio's MP3 frames into HLS packed-audio segments and keeps a sliding window of them.
 * <p>
 * Frames go in as the radio plays them. A segment is closed when the frame that would follow it arrives and it
 * already lasts {@code segmentDuration} (so segments end on frame boundaries, at most one frame longer than asked),
 * or when the frame's format (MPEG version, sample rate, channels) differs, in which case the next segment is marked
 * {@code #EXT-X-DISCONTINUITY}. Every segment starts with {@link PackedAudioId3} carrying the 90 kHz timestamp of its
 * first sample, counted from the frames' own durations (so timestamps run on without gaps whatever the wall clock
 * does) and the title of its first frame.
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code listedSegments}: segments named in the media playlist.</li>
 * <li>retained segments: the listed ones plus {@code listedSegments + 1} that have left the playlist but that a client
 * which fetched an older playlist may still ask for (RFC 8216, section 6.2.2: a removed segment stays available for
 * its duration plus the playlist's). Older ones are forgotten and answer 404.</li>
 * <li>one segment being filled. So at most {@code (2 * listedSegments + 2) * segmentDuration} of audio.</li>
 * </ul>
 * Thread-safe: the radio's thread adds frames while HTTP threads read.
 */
public final class SegmentWindow {

	/** Longest MP3 frame: 576 samples at 8 kHz (MPEG 2.5 layer III). */
	static final long MAX_FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(72);

	private final String epoch;

	private final long segmentNanos;

	private final int listedSegments;

	private final int retainedSegments;

	private final int targetDurationSeconds;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition segmentClosed = this.lock.newCondition();

	private final ArrayDeque<Segment> segments = new ArrayDeque<>();

	private long heldBytes;

	private long nextSequence;

	private long discontinuities;

	private long timelineNanos;

	private @Nullable ByteArrayOutputStream filling;

	private long fillingStartNanos;

	private long fillingNanos;

	private String fillingTitle = "";

	private int fillingFormat;

	private boolean nextIsDiscontinuity;

	/**
	 * @param epoch distinguishes this window's segment names from any earlier window of the same radio, so a cache
	 * never serves an old segment for a new one ({@code [A-Za-z0-9]+})
	 * @param segmentDuration how long a segment lasts (at least that, by at most one frame)
	 * @param listedSegments segments named in the media playlist, at least 3 (clients start 3 segments from the end)
	 */
	public SegmentWindow(String epoch, Duration segmentDuration, int listedSegments) {
		if (!epoch.matches("[A-Za-z0-9]+")) {
			throw new IllegalArgumentException("epoch must be letters and digits: " + epoch);
		}
		if (segmentDuration.compareTo(Duration.ofMillis(500)) < 0 || segmentDuration.compareTo(Duration.ofMinutes(1)) > 0) {
			throw new IllegalArgumentException("segment duration must be 0.5 s to 60 s but was " + segmentDuration);
		}
		if (listedSegments < 3 || listedSegments > 100) {
			throw new IllegalArgumentException("listed segments must be 3 to 100 but was " + listedSegments);
		}
		this.epoch = epoch;
		this.segmentNanos = segmentDuration.toNanos();
		this.listedSegments = listedSegments;
		this.retainedSegments = 2 * listedSegments + 1;
		// RFC 8216: every EXTINF rounded to the nearest integer must not exceed it; segments are longer by < 1 frame.
		this.targetDurationSeconds = (int) Math.max(1, Math.round((this.segmentNanos + MAX_FRAME_NANOS) / 1e9));
	}

	/**
	 * Adds the next frame the radio plays.
	 *
	 * @param format what must stay the same within a segment (for example version, sample rate and channels packed
	 * into one number); a change starts a new segment after a discontinuity
	 * @param title the title on air with this frame
	 */
	public void add(byte[] data, int offset, int length, long durationNanos, int format, String title) {
		this.lock.lock();
		try {
			ByteArrayOutputStream current = this.filling;
			if (current != null && (this.fillingNanos >= this.segmentNanos || format != this.fillingFormat)) {
				closeLocked(current);
				if (format != this.fillingFormat) {
					this.nextIsDiscontinuity = true;
				}
				current = null;
			}
			if (current == null) {
				current = new ByteArrayOutputStream((int) Math.min(1 << 20, this.segmentNanos / 1_000_000 * 40));
				current.writeBytes(PackedAudioId3.tag(this.timelineNanos * 9 / 100_000, title));
				this.filling = current;
				this.fillingStartNanos = this.timelineNanos;
				this.fillingNanos = 0;
				this.fillingTitle = title;
				this.fillingFormat = format;
			}
			current.write(data, offset, length);
			this.fillingNanos += durationNanos;
			this.timelineNanos += durationNanos;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void closeLocked(ByteArrayOutputStream current) {
		Segment segment = new Segment(this.nextSequence++, this.epoch + "-" + (this.nextSequence - 1) + ".mp3",
				current.toByteArray(), this.fillingNanos, this.fillingStartNanos, this.fillingTitle,
				this.nextIsDiscontinuity);
		this.nextIsDiscontinuity = false;
		if (segment.discontinuity()) {
			this.discontinuities++;
		}
		this.segments.addLast(segment);
		this.heldBytes += segment.data().length;
		while (this.segments.size() > this.retainedSegments) {
			this.heldBytes -= this.segments.removeFirst().data().length;
		}
		this.filling = null;
		this.segmentClosed.signalAll();
	}

	/** Waits until at least one segment is complete; {@code false} if none is after the timeout. */
	public boolean awaitSegment(Duration timeout) throws InterruptedException {
		long left = timeout.toNanos();
		this.lock.lock();
		try {
			while (this.segments.isEmpty()) {
				if (left <= 0) {
					return false;
				}
				left = this.segmentClosed.awaitNanos(left);
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The segment of that name while it is retained, else {@code null}. */
	public @Nullable Segment segment(String name) {
		this.lock.lock();
		try {
			for (Segment segment : this.segments) {
				if (segment.name().equals(name)) {
					return segment;
				}
			}
			return null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The segments the media playlist names now, oldest first. */
	public List<Segment> listed() {
		this.lock.lock();
		try {
			List<Segment> all = new ArrayList<>(this.segments);
			return List.copyOf(all.subList(Math.max(0, all.size() - this.listedSegments), all.size()));
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The live media playlist (RFC 8216 version 3): target duration, media and discontinuity sequence numbers, and
	 * for every listed segment its duration, title and name (relative to the playlist).
	 */
	public String mediaPlaylist() {
		List<Segment> listed;
		long discontinuitySequence;
		this.lock.lock();
		try {
			listed = listed();
			discontinuitySequence = this.discontinuities - listed.stream().filter(Segment::discontinuity).count();
		}
		finally {
			this.lock.unlock();
		}
		StringBuilder playlist = new StringBuilder(128 + 80 * listed.size());
		playlist.append("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:").append(this.targetDurationSeconds);
		playlist.append("\n#EXT-X-MEDIA-SEQUENCE:").append(listed.isEmpty() ? this.nextSequence : listed.get(0).sequence());
		playlist.append("\n#EXT-X-DISCONTINUITY-SEQUENCE:").append(discontinuitySequence).append('\n');
		for (Segment segment : listed) {
			if (segment.discontinuity()) {
				playlist.append("#EXT-X-DISCONTINUITY\n");
			}
			playlist.append("#EXTINF:").append(String.format(Locale.ROOT, "%.3f", segment.durationNanos() / 1e9));
			playlist.append(',').append(segment.title().replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ")).append('\n');
			playlist.append(segment.name()).append('\n');
		}
		return playlist.toString();
	}

	/** The target duration the playlist announces, in whole seconds. */
	public int targetDurationSeconds() {
		return this.targetDurationSeconds;
	}

	/** Bytes held by the retained segments (the one being filled not counted). */
	public long heldBytes() {
		this.lock.lock();
		try {
			return this.heldBytes;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Segments retained (listed or recently listed). */
	public int retainedCount() {
		this.lock.lock();
		try {
			return this.segments.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * One complete segment.
	 *
	 * @param sequence its media sequence number
	 * @param name its file name, unique across windows ({@code <epoch>-<sequence>.mp3})
	 * @param data the ID3 tag followed by whole MP3 frames
	 * @param durationNanos how long its frames play
	 * @param startNanos where on the window's timeline its first sample is (its ID3 timestamp)
	 * @param title the title on air at its start
	 * @param discontinuity whether its format differs from the segment before
	 */
	public record Segment(long sequence, String name, byte[] data, long durationNanos, long startNanos, String title,
			boolean discontinuity) {
	}

}
