package io.mediafleet.scheduler.irc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Reads CR LF (or bare LF) terminated IRC lines of at most {@link IrcLine#MAX_LINE_BYTES} bytes. A longer line
 * is skipped up to its end and counted, so a server cannot make the bot buffer without bound. Bytes that are
 * not UTF-8 are replaced (many IRC clients still send Latin-1).
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@link IrcLine#MAX_LINE_BYTES}: the line buffer never grows beyond it.</li>
 * </ul>
 */
final class IrcLineReader {

	private final InputStream in;

	private final ByteArrayOutputStream line = new ByteArrayOutputStream(IrcLine.MAX_LINE_BYTES);

	private int overlongLines;

	IrcLineReader(InputStream in) {
		this.in = in;
	}

	/** The next line without its terminator, or {@code null} at the end of the stream. */
	@Nullable String readLine() throws IOException {
		boolean overlong = false;
		this.line.reset();
		while (true) {
			int b = this.in.read();
			if (b < 0) {
				return null;
			}
			if (b == '\n') {
				if (overlong) {
					this.overlongLines++;
					overlong = false;
					this.line.reset();
					continue;
				}
				byte[] bytes = this.line.toByteArray();
				int length = (bytes.length > 0 && bytes[bytes.length - 1] == '\r') ? bytes.length - 1 : bytes.length;
				return new String(bytes, 0, length, StandardCharsets.UTF_8);
			}
			if (overlong) {
				continue;
			}
			// Room for CR LF is part of the 512.
			if (this.line.size() >= IrcLine.MAX_LINE_BYTES - 1) {
				overlong = true;
				continue;
			}
			this.line.write(b);
		}
	}

	/** Lines skipped because they were too long. */
	int overlongLines() {
		return this.overlongLines;
	}

}
