package io.mediafleet.streamer.stream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes ICY metadata blocks from a relayed stream, reporting each StreamTitle; what remains is plain audio.
 */
final class IcyInputStream extends InputStream {

	private static final Pattern STREAM_TITLE = Pattern.compile("StreamTitle='(.*?)';", Pattern.DOTALL);

	private final InputStream in;

	private final int metaint;

	private final Consumer<String> titles;

	private int untilMetadata;

	/**
	 * @param in the stream as received
	 * @param metaint the {@code icy-metaint} the server announced, or 0 when it sends no metadata
	 * @param titles receives every StreamTitle found
	 */
	IcyInputStream(InputStream in, int metaint, Consumer<String> titles) {
		this.in = in;
		this.metaint = metaint;
		this.titles = titles;
		this.untilMetadata = metaint;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int read = read(one, 0, 1);
		return (read < 0) ? -1 : one[0] & 0xFF;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (this.metaint == 0) {
			return this.in.read(buffer, offset, length);
		}
		if (this.untilMetadata == 0) {
			int blocks = this.in.read();
			if (blocks < 0) {
				return -1;
			}
			// At most 255 * 16 bytes: bounded by the format itself.
			byte[] metadata = this.in.readNBytes(blocks * 16);
			Matcher matcher = STREAM_TITLE.matcher(new String(metadata, StandardCharsets.UTF_8));
			if (matcher.find()) {
				this.titles.accept(matcher.group(1));
			}
			this.untilMetadata = this.metaint;
		}
		int read = this.in.read(buffer, offset, Math.min(length, this.untilMetadata));
		if (read > 0) {
			this.untilMetadata -= read;
		}
		return read;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
