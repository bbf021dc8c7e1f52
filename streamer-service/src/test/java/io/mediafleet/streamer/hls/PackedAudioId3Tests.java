package io.mediafleet.streamer.hls;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PackedAudioId3Tests {

	@Test
	void tagCarriesTheTimestampAndTheTitleAsTheJavadocShows() {
		byte[] tag = PackedAudioId3.tag(90_000, "A");
		String hex = HexFormat.of().formatHex(tag);
		assertThat(hex).startsWith("494433040000" + "0000004b" + "50524956" + "00000035" + "0000")
			.endsWith("0000000000015f90" + "54495432" + "00000002" + "0000" + "0341");
		assertThat(tag).hasSize(10 + 75);
		assertThat(SegmentWindowTests.timestamp(tag)).isEqualTo(90_000);
	}

	@Test
	void timestampWrapsAt33BitsAndAnEmptyTitleIsLeftOut() {
		byte[] tag = PackedAudioId3.tag((1L << 33) + 5, "");
		assertThat(SegmentWindowTests.timestamp(tag)).isEqualTo(5);
		assertThat(new String(tag, StandardCharsets.ISO_8859_1)).doesNotContain("TIT2");
	}

	@Test
	void longTitleIsCutToWholeCharacters() {
		byte[] tag = PackedAudioId3.tag(0, "é".repeat(2000));
		String text = new String(tag, StandardCharsets.UTF_8);
		assertThat(tag.length).isLessThanOrEqualTo(10 + 63 + 10 + 1 + PackedAudioId3.MAX_TITLE_BYTES);
		assertThat(text).contains("éé").doesNotContain("\uFFFD");
	}

	@Test
	void sizesAreSyncsafe() {
		assertThat(PackedAudioId3.syncsafe(0x0FFFFFFF)).containsExactly(0x7F, 0x7F, 0x7F, 0x7F);
		assertThat(PackedAudioId3.syncsafe(128)).containsExactly(0, 0, 1, 0);
	}

}
