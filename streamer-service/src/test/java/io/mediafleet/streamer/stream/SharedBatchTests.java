package io.mediafleet.streamer.stream;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SharedBatchTests {

	private static final SongInfo ONE = SongInfo.of("One");

	private static final SongInfo TWO = SongInfo.of("Two");

	private final byte[] song = new byte[100];

	{
		for (int i = 0; i < this.song.length; i++) {
			this.song[i] = (byte) i;
		}
	}

	@Test
	void copyAndViewCarryTheSameBytesWithOneChunkPerSong() {
		List<Frame> frames = List.of(frame(0, 10, ONE), frame(10, 20, ONE), frame(30, 5, TWO), frame(35, 5, TWO));
		for (SharedBatch batch : List.of(SharedBatch.copyOf(frames), SharedBatch.viewOf(frames))) {
			assertThat(batch.frameCount()).isEqualTo(4);
			assertThat(batch.length()).isEqualTo(40);
			assertThat(batch.frameStart(2)).isEqualTo(30);
			assertThat(batch.frameStart(9)).as("past the end: the length").isEqualTo(40);
			assertThat(batch.chunkCount()).isEqualTo(2);
			assertThat(batch.song(0)).isSameAs(ONE);
			assertThat(batch.song(1)).isSameAs(TWO);
			assertThat(bytes(batch)).isEqualTo(java.util.Arrays.copyOf(this.song, 40));
		}
	}

	@Test
	void framesThatAreNotAdjacentGetTheirOwnViewAndEachListenerItsOwnPosition() {
		byte[] silence = new byte[] { 7, 7, 7 };
		List<Frame> frames = List.of(frame(0, 4, ONE), new Frame(silence, 0, 3, 1, ONE), frame(4, 4, ONE));
		SharedBatch view = SharedBatch.viewOf(frames);
		assertThat(view.chunkCount()).isEqualTo(3);
		assertThat(bytes(view)).containsExactly(0, 1, 2, 3, 7, 7, 7, 4, 5, 6, 7);
		ByteBuffer first = view.chunk(0);
		first.get();
		assertThat(view.chunk(0).position()).as("a new duplicate starts at the beginning").isZero();
		assertThat(SharedBatch.copyOf(frames).chunkCount()).as("copied: one chunk per song").isEqualTo(1);
	}

	private Frame frame(int offset, int length, SongInfo info) {
		return new Frame(this.song, offset, length, 26_000_000, info);
	}

	private static byte[] bytes(SharedBatch batch) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i < batch.chunkCount(); i++) {
			ByteBuffer chunk = batch.chunk(i);
			byte[] part = new byte[chunk.remaining()];
			chunk.get(part);
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
