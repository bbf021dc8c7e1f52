package io.mediafleet.scheduler.burn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A plain-socket client of the burn line protocol for tests: writes text, reads whole messages up to the blank line;
 * deliberately uses no project classes.
 */
final class RawLineClient implements AutoCloseable {

	private final Socket socket;

	private final InputStream in;

	RawLineClient(int port) throws IOException {
		this.socket = new Socket("127.0.0.1", port);
		this.socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
		this.in = this.socket.getInputStream();
	}

	/** Sends {@code message} followed by the CRLF CRLF terminator; TABs and CRLFs inside are the caller's. */
	void send(String message) throws IOException {
		this.socket.getOutputStream().write((message + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		this.socket.getOutputStream().flush();
	}

	void sendRaw(String bytes) throws IOException {
		this.socket.getOutputStream().write(bytes.getBytes(StandardCharsets.UTF_8));
		this.socket.getOutputStream().flush();
	}

	/** The next message without its final CRLF CRLF, lines joined by CRLF; {@code null} at end of stream. */
	String read() throws IOException {
		ByteArrayOutputStream message = new ByteArrayOutputStream();
		while (true) {
			int b = this.in.read();
			if (b < 0) {
				return (message.size() == 0) ? null : message.toString(StandardCharsets.UTF_8);
			}
			message.write(b);
			String text = message.toString(StandardCharsets.UTF_8);
			if (text.endsWith("\r\n\r\n")) {
				if (text.equals("\r\n\r\n")) {
					message.reset();
					continue;
				}
				return text.substring(0, text.length() - 4);
			}
		}
	}

	/** Reads until a message starts with {@code prefix}, skipping others (e.g. display pushes). */
	String readStartingWith(String prefix) throws IOException {
		for (int i = 0; i < 1000; i++) {
			String message = read();
			if (message == null) {
				throw new IOException("connection closed while waiting for " + prefix);
			}
			if (message.startsWith(prefix)) {
				return message;
			}
		}
		throw new IOException("no " + prefix + " within 1000 messages");
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
