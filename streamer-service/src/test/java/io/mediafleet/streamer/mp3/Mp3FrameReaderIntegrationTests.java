package io.mediafleet.streamer.mp3;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.mediafleet.streamer.testing.TestMp3s;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class Mp3FrameReaderIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void readsTheSameFramesAsTheParserFromAStreamFedOneByteAtATime() throws Exception {
		Path file = TestMp3s.sine(this.directory.resolve("r.mp3"), 2, "Reader", null, "-b:a", "96k");
		byte[] data = Files.readAllBytes(file);
		Mp3Audio audio = Mp3Parser.withDefaults().parse(data);
		Mp3FrameReader reader = new Mp3FrameReader(new OneByteAtATime(data));
		int frames = 0;
		byte[] frame;
		byte[] last = null;
		while ((frame = reader.next()) != null) {
			frames++;
			last = frame;
		}
		// The stream reader also returns the Info frame, which the file parser sets apart.
		assertThat(frames).isEqualTo(audio.frameCount() + 1);
		int lastIndex = audio.frameCount() - 1;
		assertThat(last).isEqualTo(Arrays.copyOfRange(data, audio.frameOffset(lastIndex),
				audio.frameOffset(lastIndex) + audio.frameLength(lastIndex)));
		assertThat(reader.corruptRegions()).as("the ID3 tag before the first frame is not corruption").isZero();
	}

	@Test
	void junkBetweenFramesIsSkippedAndATruncatedFrameEndsTheStream() throws Exception {
		Path file = TestMp3s.sine(this.directory.resolve("j.mp3"), 1, null, null, "-b:a", "64k");
		byte[] data = Files.readAllBytes(file);
		Mp3Audio audio = Mp3Parser.withDefaults().parse(data);
		int cut = audio.frameOffset(5);
		byte[] junk = new byte[50];
		byte[] mixed = Mp3ParserIntegrationTests.concat(Arrays.copyOfRange(data, 0, cut), junk,
				Arrays.copyOfRange(data, cut, data.length - 10));
		Mp3FrameReader reader = new Mp3FrameReader(new ByteArrayInputStream(mixed));
		int frames = 0;
		while (reader.next() != null) {
			frames++;
		}
		assertThat(frames).isEqualTo(audio.frameCount() + 1 - 1);
		assertThat(reader.corruptRegions()).isEqualTo(1);
	}

	private static final class OneByteAtATime extends InputStream {

		private final byte[] data;

		private int position;

		OneByteAtATime(byte[] data) {
			this.data = data;
		}

		@Override
		public int read() {
			return (this.position < this.data.length) ? this.data[this.position++] & 0xFF : -1;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (length == 0) {
				return 0;
			}
			int b = read();
			if (b < 0) {
				return -1;
			}
			buffer[offset] = (byte) b;
			return 1;
		}

	}

}
