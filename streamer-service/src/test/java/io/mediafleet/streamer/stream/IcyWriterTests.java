package io.mediafleet.streamer.stream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IcyWriterTests {

	@Test
	void metadataBlockFollowsEveryMetaintBytesAcrossFrameBoundaries() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		IcyWriter writer = new IcyWriter(out, 10);
		SongInfo song = SongInfo.of("Ann - Alpha");
		byte[] audio = new byte[7];
		Arrays.fill(audio, (byte) 'a');
		for (int i = 0; i < 3; i++) {
			writer.write(new Frame(audio, 0, 7, 1, song));
		}
		byte[] written = out.toByteArray();
		// 10 audio bytes, the title block, 10 audio bytes, an empty block, 1 audio byte.
		assertThat(written).hasSize(10 + song.icyBlock().length + 10 + 1 + 1);
		assertThat(written[10]).isEqualTo((byte) 2);
		String block = new String(written, 11, 32, StandardCharsets.UTF_8);
		assertThat(block).startsWith("StreamTitle='Ann - Alpha';").endsWith("\0");
		assertThat(written[10 + 33 + 10]).as("same song: empty block").isZero();
		assertThat(writer.bytesWritten()).isEqualTo(written.length);
	}

	@Test
	void withoutMetadataOnlyAudioIsWritten() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		IcyWriter writer = new IcyWriter(out, 0);
		byte[] data = "xxframeyy".getBytes(StandardCharsets.US_ASCII);
		writer.write(new Frame(data, 2, 5, 1, SongInfo.of("t")));
		assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("frame");
	}

	@Test
	void titlesAreSafeForTheStreamTitleSyntax() {
		SongInfo song = SongInfo.of("Rock 'n' Roll\nLive");
		String text = new String(song.icyBlock(), 1, song.icyBlock().length - 1, StandardCharsets.UTF_8);
		assertThat(text).startsWith("StreamTitle='Rock \u2019n\u2019 Roll Live';");
		assertThat((song.icyBlock().length - 1) % 16).isZero();
		SongInfo huge = SongInfo.of("x".repeat(10_000));
		assertThat(huge.icyBlock().length - 1).isLessThanOrEqualTo(SongInfo.MAX_ICY_TEXT);
	}

}
