package io.mediafleet.streamer.stream;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes frames to one listener, putting an ICY metadata block after every {@code metaint} audio bytes when the
 * listener asked for metadata ({@code Icy-MetaData: 1}). The block carries the StreamTitle when the song changed
 * since the last block, otherwise it is the single byte {@code 00}.
 */
final class IcyWriter {

	private static final byte[] EMPTY_BLOCK = { 0 };

	private final OutputStream out;

	private final int metaint;

	private int untilMetadata;

	private SongInfo announced = SongInfo.NONE;

	private long bytesWritten;

	/**
	 * @param out where the listener's bytes go
	 * @param metaint audio bytes between metadata blocks, or 0 for plain audio
	 */
	IcyWriter(OutputStream out, int metaint) {
		this.out = out;
		this.metaint = metaint;
		this.untilMetadata = metaint;
	}

	void write(Frame frame) throws IOException {
		if (this.metaint == 0) {
			this.out.write(frame.data(), frame.offset(), frame.length());
			this.bytesWritten += frame.length();
			return;
		}
		int offset = frame.offset();
		int remaining = frame.length();
		while (remaining > 0) {
			int chunk = Math.min(remaining, this.untilMetadata);
			this.out.write(frame.data(), offset, chunk);
			this.bytesWritten += chunk;
			offset += chunk;
			remaining -= chunk;
			this.untilMetadata -= chunk;
			if (this.untilMetadata == 0) {
				byte[] block = (frame.song() != this.announced) ? frame.song().icyBlock() : EMPTY_BLOCK;
				this.announced = frame.song();
				this.out.write(block);
				this.bytesWritten += block.length;
				this.untilMetadata = this.metaint;
			}
		}
	}

	void flush() throws IOException {
		this.out.flush();
	}

	/** Bytes written so far, metadata included. */
	long bytesWritten() {
		return this.bytesWritten;
	}

}
