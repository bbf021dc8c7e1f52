package io.mediafleet.streamer.mp3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.mediafleet.streamer.mp3.Mp3FrameHeader.MpegVersion;
import io.mediafleet.streamer.testing.TestMp3s;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

class Mp3ParserIntegrationTests {

	@TempDir
	static Path directory;

	static Path cbr;

	private final Mp3Parser parser = Mp3Parser.withDefaults();

	@BeforeAll
	static void encode() {
		cbr = TestMp3s.sine(directory.resolve("cbr.mp3"), 6, "Test Song", "Tester", "-b:a", "128k");
	}

	@Test
	void constantBitrateFileHasItsInfoFrameTagsAndDuration() throws Exception {
		Mp3Audio audio = this.parser.read(cbr);
		assertThat(audio.title()).isEqualTo("Test Song");
		assertThat(audio.artist()).isEqualTo("Tester");
		assertThat(audio.vbrHeader().kind()).isEqualTo(VbrHeader.Kind.INFO);
		assertThat(audio.frameCount()).isEqualTo((int) audio.vbrHeader().declaredFrames());
		assertThat(audio.firstHeader().version()).isEqualTo(MpegVersion.MPEG1);
		assertThat(audio.firstHeader().sampleRate()).isEqualTo(44100);
		assertThat(audio.averageBitrateKbps()).isEqualTo(128);
		assertThat(audio.corruptRegions()).isZero();
		// ffmpeg adds encoder delay and padding, so the frames last a little over 6 s.
		assertThat(audio.duration().toMillis()).isBetween(6000L, 6100L);
		assertThat(audio.durationNanos()).isEqualTo(audio.frameCount() * 1152L * 1_000_000_000L / 44100);
		int last = audio.frameCount() - 1;
		assertThat(audio.frameOffset(last) + audio.frameLength(last)).isEqualTo(audio.data().length);
	}

	@Test
	void variableBitrateFileHasAXingHeader() throws Exception {
		Path vbr = TestMp3s.sine(directory.resolve("vbr.mp3"), 3, null, null, "-q:a", "2");
		Mp3Audio audio = this.parser.read(vbr);
		assertThat(audio.vbrHeader().kind()).isEqualTo(VbrHeader.Kind.XING);
		assertThat(audio.frameCount()).isEqualTo((int) audio.vbrHeader().declaredFrames());
		assertThat(audio.title()).isNull();
	}

	@Test
	void mpeg2AndMpeg25FilesUse576SamplesPerFrame() throws Exception {
		Mp3Audio mpeg2 = this.parser
			.read(TestMp3s.sine(directory.resolve("m2.mp3"), 3, "Low", null, "-ar", "22050", "-b:a", "64k"));
		assertThat(mpeg2.firstHeader().version()).isEqualTo(MpegVersion.MPEG2);
		assertThat(mpeg2.duration().toMillis()).isBetween(3000L, 3100L);
		Mp3Audio mpeg25 = this.parser
			.read(TestMp3s.sine(directory.resolve("m25.mp3"), 3, null, null, "-ar", "11025", "-b:a", "32k"));
		assertThat(mpeg25.firstHeader().version()).isEqualTo(MpegVersion.MPEG2_5);
		assertThat(mpeg25.firstHeader().samplesPerFrame()).isEqualTo(576);
		assertThat(mpeg25.duration().toMillis()).isBetween(3000L, 3200L);
	}

	@Test
	void id3v1TagIsReadAndNotTakenForAudio() throws Exception {
		Path file = TestMp3s.sine(directory.resolve("v1.mp3"), 2, null, null, "-b:a", "128k", "-id3v2_version", "0");
		byte[] tag = new byte[128];
		byte[] header = "TAGOld Title".getBytes(StandardCharsets.ISO_8859_1);
		System.arraycopy(header, 0, tag, 0, header.length);
		byte[] artist = "Old Artist".getBytes(StandardCharsets.ISO_8859_1);
		System.arraycopy(artist, 0, tag, 33, artist.length);
		byte[] data = concat(Files.readAllBytes(file), tag);
		Mp3Audio audio = this.parser.parse(data);
		assertThat(audio.title()).isEqualTo("Old Title");
		assertThat(audio.artist()).isEqualTo("Old Artist");
		assertThat(audio.corruptRegions()).isZero();
		int last = audio.frameCount() - 1;
		assertThat(audio.frameOffset(last) + audio.frameLength(last)).isEqualTo(data.length - 128);
	}

	@Test
	void id3v2TitleWinsOverId3v1() throws Exception {
		Path file = TestMp3s.sine(directory.resolve("both.mp3"), 1, "New Title", null, "-b:a", "128k",
				"-write_id3v1", "1");
		Mp3Audio audio = this.parser.read(file);
		assertThat(audio.title()).isEqualTo("New Title");
		assertThat(audio.corruptRegions()).isZero();
	}

	@Test
	void garbageBetweenFramesIsSkippedAndCounted() throws Exception {
		Mp3Audio clean = this.parser.read(cbr);
		byte[] data = Files.readAllBytes(cbr);
		int cut = clean.frameOffset(100);
		byte[] garbage = new byte[300];
		Arrays.fill(garbage, (byte) 0xFF);
		garbage[7] = 0x12;
		byte[] corrupted = concat(Arrays.copyOfRange(data, 0, cut), garbage, Arrays.copyOfRange(data, cut, data.length));
		Mp3Audio audio = this.parser.parse(corrupted);
		assertThat(audio.frameCount()).isEqualTo(clean.frameCount());
		assertThat(audio.corruptRegions()).isEqualTo(1);
		assertThat(audio.frameOffset(100)).isEqualTo(cut + garbage.length);
	}

	@Test
	void truncatedLastFrameIsDropped() throws Exception {
		Mp3Audio clean = this.parser.read(cbr);
		byte[] data = Files.readAllBytes(cbr);
		Mp3Audio audio = this.parser.parse(Arrays.copyOf(data, data.length - 100));
		assertThat(audio.frameCount()).isEqualTo(clean.frameCount() - 1);
		assertThat(audio.corruptRegions()).isEqualTo(1);
	}

	@Test
	void seekingFindsTheFramePlayingAtThatTime() throws Exception {
		Mp3Audio audio = this.parser.read(cbr);
		long threeSeconds = 3_000_000_000L;
		int index = audio.frameIndexAt(threeSeconds);
		assertThat(audio.frameStartNanos(index)).isLessThanOrEqualTo(threeSeconds);
		assertThat(audio.frameStartNanos(index) + audio.frameDurationNanos(index)).isGreaterThan(threeSeconds);
		assertThat(index).isEqualTo((int) (3.0 * 44100 / 1152));
		assertThat(audio.frameIndexAt(0)).isZero();
		assertThat(audio.frameIndexAt(-5)).isZero();
		assertThat(audio.frameIndexAt(audio.durationNanos())).isEqualTo(audio.frameCount());
		assertThat(audio.frameIndexAt(audio.frameStartNanos(10))).isEqualTo(10);
		assertThat(audio.frameDurationNanos(10) / 1e6).isCloseTo(26.12, within(0.01));
	}

	@Test
	void silentFramesDecodeToSilence() throws Exception {
		Mp3Audio audio = this.parser.read(cbr);
		byte[] silence = audio.firstHeader().silentFrame();
		byte[] stream = new byte[silence.length * 100];
		for (int i = 0; i < 100; i++) {
			System.arraycopy(silence, 0, stream, i * silence.length, silence.length);
		}
		Path file = Files.write(directory.resolve("silence.mp3"), stream);
		String report = TestMp3s.run(List.of("ffmpeg", "-hide_banner", "-nostats", "-i", file.toString(), "-af",
				"volumedetect", "-f", "null", "-"), 30);
		assertThat(report).contains("Stream #0:0: Audio: mp3").contains("max_volume: -91.0 dB");
		assertThat(this.parser.parse(stream).frameCount()).isEqualTo(100);
	}

	@Test
	void bytesWithoutFramesAreRefused() {
		assertThatExceptionOfType(Mp3Exception.class).isThrownBy(() -> this.parser.parse(new byte[5000]))
			.withMessage("no MPEG layer III audio frame found in 5000 bytes");
		assertThatExceptionOfType(Mp3Exception.class).isThrownBy(() -> this.parser.parse(new byte[0]));
	}

	@Test
	void filesOverTheLimitAreRefusedBeforeReading() throws IOException {
		Mp3Parser small = new Mp3Parser(1000, 10);
		assertThatExceptionOfType(Mp3Exception.class).isThrownBy(() -> small.read(cbr))
			.withMessageContaining("over the limit of 1000");
		assertThatExceptionOfType(Mp3Exception.class).isThrownBy(() -> small.parse(Files.readAllBytes(cbr)))
			.withMessageContaining("over the limit of 1000");
	}

	@Test
	void longTitlesAreCutToTheLimit() throws Exception {
		Mp3Audio audio = new Mp3Parser(Mp3Parser.DEFAULT_MAX_FILE_BYTES, 4).read(cbr);
		assertThat(audio.title()).isEqualTo("Test");
	}

	static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] result = new byte[length];
		int position = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, result, position, part.length);
			position += part.length;
		}
		return result;
	}

}
