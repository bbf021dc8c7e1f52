package io.mediafleet.streamer.mp3;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.mediafleet.streamer.testing.TestMp3s;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

class Mp3ParserFuzzIntegrationTests {

	private static byte[] valid = new byte[0];

	private static Path directory = Path.of(".");

	private final Mp3Parser parser = new Mp3Parser(256 * 1024, 64);

	@BeforeContainer
	static void encode() throws Exception {
		directory = Files.createTempDirectory("mp3-fuzz");
		Path file = TestMp3s.sine(directory.resolve("fuzz.mp3"), 1, "Fuzz", "Fuzzer", "-b:a", "64k",
				"-write_id3v1", "1");
		valid = Files.readAllBytes(file);
	}

	@AfterContainer
	static void cleanUp() throws Exception {
		try (var files = Files.list(directory)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		Files.delete(directory);
	}

	@Property(tries = 1000)
	void randomBytesGiveAudioOrMp3Exception(@ForAll("randomBytes") byte[] data) {
		check(data);
	}

	@Property(tries = 1000)
	void mutatedFilesGiveAudioOrMp3Exception(@ForAll("mutations") byte[] data) {
		check(data);
	}

	private void check(byte[] data) {
		try {
			Mp3Audio audio = this.parser.parse(data);
			assertThat(audio.frameCount()).isPositive();
			for (int i = 0; i < audio.frameCount(); i++) {
				assertThat(audio.frameOffset(i) + audio.frameLength(i)).isLessThanOrEqualTo(data.length);
				assertThat(Mp3FrameHeader.parse(data, audio.frameOffset(i))).isNotNull();
			}
			assertThat(audio.title() == null || audio.title().length() <= 64).isTrue();
			assertThat(audio.frameIndexAt(audio.durationNanos() / 2)).isBetween(0, audio.frameCount() - 1);
		}
		catch (Mp3Exception ex) {
			assertThat(ex.getMessage()).isNotBlank();
		}
		catch (Throwable ex) {
			fail("parse threw " + ex, ex);
		}
	}

	@Provide
	Arbitrary<byte[]> randomBytes() {
		Arbitrary<byte[]> plain = Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
		// Mostly sync-like bytes, so random data reaches the header and tag code paths.
		Arbitrary<byte[]> syncy = Arbitraries.of((byte) 0xFF, (byte) 0xFB, (byte) 0x90, (byte) 0x00, (byte) 'I',
				(byte) 'D', (byte) '3', (byte) 0x04, (byte) 'T', (byte) 'A', (byte) 'G')
			.array(byte[].class)
			.ofMaxSize(4096);
		return Arbitraries.oneOf(plain, syncy);
	}

	@Provide
	Arbitrary<byte[]> mutations() {
		Arbitrary<int[]> positions = Arbitraries.integers().between(0, valid.length - 1).array(int[].class).ofMinSize(1).ofMaxSize(16);
		Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofSize(16);
		Arbitrary<Integer> cut = Arbitraries.integers().between(0, valid.length);
		return net.jqwik.api.Combinators.combine(positions, values, cut).as((at, with, length) -> {
			byte[] copy = Arrays.copyOf(valid, valid.length);
			for (int i = 0; i < at.length; i++) {
				copy[at[i]] = with[i];
			}
			// Truncated copies reach every "fits in the data" check.
			return (length % 3 == 0) ? Arrays.copyOf(copy, length) : copy;
		});
	}

}
