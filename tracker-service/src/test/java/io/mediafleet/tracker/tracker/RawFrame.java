package io.mediafleet.tracker.tracker;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One TSP frame as raw bytes, for tests that speak the wire format of {@code docs/protocols/tsp.md} without the
 * project's codec: a type byte, a big-endian song id, and (for every type but STOP and QUIT) a big-endian length and
 * the payload.
 */
record RawFrame(int type, int songId, byte[] payload) {

	String text() {
		return new String(this.payload, StandardCharsets.UTF_8);
	}

	/** Writes one frame with a length field; the caller flushes (so tests can pipeline several). */
	static void write(DataOutputStream out, int type, int songId, String payload) throws IOException {
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		out.writeByte(type);
		out.writeInt(songId);
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	/** Writes one frame and flushes it. */
	static void send(DataOutputStream out, int type, int songId, String payload) throws IOException {
		write(out, type, songId, payload);
		out.flush();
	}

	/**
	 * Reads the next frame exactly, skipping nothing. The tracker never sends the header-only STOP (4) or QUIT (5),
	 * so either is a failure rather than a frame to parse on.
	 */
	static RawFrame read(DataInputStream in) throws IOException {
		int type = in.readUnsignedByte();
		int songId = in.readInt();
		assertThat(type).as("frame type").isNotIn(4, 5);
		byte[] payload = new byte[in.readInt()];
		in.readFully(payload);
		return new RawFrame(type, songId, payload);
	}

}
