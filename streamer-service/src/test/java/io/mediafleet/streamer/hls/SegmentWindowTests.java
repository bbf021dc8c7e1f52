package io.mediafleet.streamer.hls;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import io.mediafleet.streamer.mp3.Mp3FrameHeader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

public class SegmentWindowTests {

	/** A silent 128 kbit/s 44.1 kHz MPEG-1 layer III frame: 417 bytes, 1152 samples. */
	static final byte[] FRAME = new Mp3FrameHeader(Mp3FrameHeader.MpegVersion.MPEG1, 128, 44100, false, false, true)
		.silentFrame();

	static final long FRAME_NANOS = 1152L * 1_000_000_000L / 44100;

	@Test
	void segmentsEndOnTheFirstFrameBoundaryAtOrAfterTheDurationAndTimestampsFollowTheFrames() {
		SegmentWindow window = new SegmentWindow("e1", Duration.ofSeconds(1), 3);
		feed(window, 200, 7, "Ann - Alpha");
		List<SegmentWindow.Segment> listed = window.listed();
		assertThat(listed).hasSize(3);
		long previousEnd = -1;
		for (SegmentWindow.Segment segment : listed) {
			// 39 frames of 26.12 ms are the first to reach 1 s.
			assertThat(segment.durationNanos()).isEqualTo(39 * FRAME_NANOS);
			assertThat(segment.data().length - id3Length(segment.data())).isEqualTo(39 * FRAME.length);
			long timestamp = timestamp(segment.data());
			assertThat(timestamp).isEqualTo(segment.startNanos() * 9 / 100_000);
			if (previousEnd >= 0) {
				assertThat(timestamp).isBetween(previousEnd - 1, previousEnd + 1);
			}
			previousEnd = (segment.startNanos() + segment.durationNanos()) * 9 / 100_000;
		}
		assertThat(listed.get(0).name()).isEqualTo("e1-" + listed.get(0).sequence() + ".mp3");
	}

	@Test
	void windowKeepsTheListedSegmentsPlusAsManyAgainAndOneThenForgets() {
		SegmentWindow window = new SegmentWindow("e1", Duration.ofSeconds(1), 3);
		feed(window, 40, 7, "A");
		String first = window.listed().get(0).name();
		feed(window, 39 * 20, 7, "A");
		assertThat(window.retainedCount()).isEqualTo(7);
		assertThat(window.heldBytes()).isLessThanOrEqualTo(7L * (39 * FRAME.length + 200));
		assertThat(window.segment(first)).isNull();
		String playlist = window.mediaPlaylist();
		assertThat(playlist).startsWith("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:18\n");
		assertThat(playlist.lines().filter((line) -> line.startsWith("#EXTINF:1.019,A"))).hasSize(3);
	}

	@Test
	void formatChangeStartsANewSegmentAfterADiscontinuity() {
		SegmentWindow window = new SegmentWindow("e1", Duration.ofSeconds(1), 3);
		feed(window, 10, 7, "A");
		feed(window, 50, 8, "B");
		String playlist = window.mediaPlaylist();
		assertThat(playlist).contains("#EXT-X-DISCONTINUITY-SEQUENCE:0\n")
			.contains("#EXTINF:0.261,A\ne1-0.mp3\n#EXT-X-DISCONTINUITY\n#EXTINF:1.019,B\ne1-1.mp3\n");
		feed(window, 39 * 4, 8, "B");
		assertThat(window.mediaPlaylist()).contains("#EXT-X-DISCONTINUITY-SEQUENCE:1\n")
			.doesNotContain("#EXT-X-DISCONTINUITY\n");
	}

	@Test
	void titleIsThatOfTheSegmentsFirstFrameAndStaysOnOneLine() {
		SegmentWindow window = new SegmentWindow("e1", Duration.ofSeconds(1), 3);
		feed(window, 20, 7, "Ann - Alpha");
		feed(window, 80, 7, "Bob\n#EXT-X-ENDLIST");
		assertThat(window.mediaPlaylist()).contains(",Ann - Alpha\n").contains(",Bob #EXT-X-ENDLIST\n")
			.doesNotContain("\n#EXT-X-ENDLIST");
	}

	@Test
	void limitsAreCheckedAtConstruction() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SegmentWindow("e1", Duration.ofMillis(100), 3));
		assertThatIllegalArgumentException().isThrownBy(() -> new SegmentWindow("e1", Duration.ofSeconds(6), 2));
		assertThatIllegalArgumentException().isThrownBy(() -> new SegmentWindow("e/1", Duration.ofSeconds(6), 3));
		assertThat(new SegmentWindow("e1", Duration.ofSeconds(6), 6).targetDurationSeconds()).isEqualTo(6);
	}

	private static void feed(SegmentWindow window, int frames, int format, String title) {
		for (int i = 0; i < frames; i++) {
			window.add(FRAME, 0, FRAME.length, FRAME_NANOS, format, title);
		}
	}

	public static int id3Length(byte[] segment) {
		assertThat(new String(segment, 0, 3)).isEqualTo("ID3");
		return 10 + ((segment[6] & 0x7F) << 21 | (segment[7] & 0x7F) << 14 | (segment[8] & 0x7F) << 7 | (segment[9] & 0x7F));
	}

	/** The 33-bit timestamp of the PRIV frame right after the ID3 header. */
	public static long timestamp(byte[] segment) {
		assertThat(new String(segment, 10, 4)).isEqualTo("PRIV");
		int owner = PackedAudioId3.TIMESTAMP_OWNER.length();
		assertThat(new String(segment, 20, owner)).isEqualTo(PackedAudioId3.TIMESTAMP_OWNER);
		return ByteBuffer.wrap(segment, 20 + owner + 1, 8).getLong();
	}

}
