package io.mediafleet.streamer.mp3;

import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

/**
 * Reads layer III frames one by one from a live stream (a relayed radio), skipping and counting bytes that are not
 * frames. Every frame is returned in a new array of exactly its length, which callers may share.
 * <p>
 * Memory is bounded by the largest possible frame (MPEG-1, 320 kbit/s, 32 kHz, padded: 1,441 bytes); nothing else
 * is buffered.
 */
public final class Mp3FrameReader {

	private final InputStream in;

	private final byte[] header = new byte[Mp3FrameHeader.SIZE];

	private int headerFill;

	private boolean inJunk;

	private long corruptRegions;

	private boolean synced;

	public Mp3FrameReader(InputStream in) {
		this.in = in;
	}

	/**
	 * The next frame, or {@code null} at the end of the stream.
	 * @throws IOException when reading fails
	 */
	public byte @Nullable [] next() throws IOException {
		while (true) {
			while (this.headerFill < Mp3FrameHeader.SIZE) {
				int b = this.in.read();
				if (b < 0) {
					return null;
				}
				this.header[this.headerFill++] = (byte) b;
			}
			Mp3FrameHeader parsed = Mp3FrameHeader.parse(this.header, 0);
			if (parsed == null) {
				if (!this.inJunk) {
					this.inJunk = true;
					if (this.synced) {
						this.corruptRegions++;
					}
				}
				System.arraycopy(this.header, 1, this.header, 0, Mp3FrameHeader.SIZE - 1);
				this.headerFill--;
				continue;
			}
			byte[] frame = new byte[parsed.frameLength()];
			System.arraycopy(this.header, 0, frame, 0, Mp3FrameHeader.SIZE);
			int read = this.in.readNBytes(frame, Mp3FrameHeader.SIZE, frame.length - Mp3FrameHeader.SIZE);
			this.headerFill = 0;
			if (read < frame.length - Mp3FrameHeader.SIZE) {
				return null;
			}
			this.inJunk = false;
			this.synced = true;
			return frame;
		}
	}

	/** Regions of non-frame bytes skipped after the first frame (the start of a joined stream is not counted). */
	public long corruptRegions() {
		return this.corruptRegions;
	}

}
