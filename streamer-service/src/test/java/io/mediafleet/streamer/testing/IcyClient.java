package io.mediafleet.streamer.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A listener that asks for ICY metadata, separates audio from metadata blocks and collects the StreamTitles.
 */
public final class IcyClient implements AutoCloseable {

	private static final Pattern STREAM_TITLE = Pattern.compile("StreamTitle='(.*?)';");

	private final HttpURLConnection connection;

	private final DataInputStream in;

	private final int metaint;

	private final List<String> titles = new ArrayList<>();

	private final ByteArrayOutputStream audio = new ByteArrayOutputStream();

	public IcyClient(String url) throws IOException {
		this(url, Map.of());
	}

	/** A listener sending extra request headers (credentials, for example). */
	public IcyClient(String url, Map<String, String> headers) throws IOException {
		this.connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
		this.connection.setRequestProperty("Icy-MetaData", "1");
		headers.forEach(this.connection::setRequestProperty);
		this.connection.setReadTimeout(20_000);
		this.connection.setConnectTimeout(5_000);
		int status = this.connection.getResponseCode();
		if (status != 200) {
			throw new IOException("HTTP " + status);
		}
		this.metaint = Integer.parseInt(this.connection.getHeaderField("icy-metaint"));
		InputStream stream = this.connection.getInputStream();
		this.in = new DataInputStream(stream);
	}

	public String header(String name) {
		return this.connection.getHeaderField(name);
	}

	public int metaint() {
		return this.metaint;
	}

	/** Reads {@code blocks} metadata intervals (audio plus the block after it). */
	public void readIntervals(int blocks) throws IOException {
		byte[] buffer = new byte[this.metaint];
		for (int i = 0; i < blocks; i++) {
			this.in.readFully(buffer);
			this.audio.write(buffer);
			int length = this.in.readUnsignedByte() * 16;
			if (length > 0) {
				byte[] metadata = new byte[length];
				this.in.readFully(metadata);
				Matcher matcher = STREAM_TITLE.matcher(new String(metadata, StandardCharsets.UTF_8));
				if (matcher.find()) {
					this.titles.add(matcher.group(1));
				}
			}
		}
	}

	public List<String> titles() {
		return List.copyOf(this.titles);
	}

	public byte[] audio() {
		return this.audio.toByteArray();
	}

	@Override
	public void close() {
		this.connection.disconnect();
	}

}
