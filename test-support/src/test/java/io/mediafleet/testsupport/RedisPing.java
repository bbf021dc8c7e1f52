package io.mediafleet.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Speaks just enough RESP to prove a real Redis answers at a URL, without a client library.
 */
final class RedisPing {

	private RedisPing() {
	}

	/** Sends {@code PING} and returns Redis's reply line, e.g. {@code +PONG}. */
	static String ping(String url) throws IOException {
		return command(url, "PING");
	}

	/** Sends one command made of plain words and returns the first reply line. */
	static String command(String url, String... words) throws IOException {
		URI uri = URI.create(url);
		try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder("*" + words.length + "\r\n");
			for (String word : words) {
				request.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
					.append(word).append("\r\n");
			}
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			String first = in.readLine();
			if (first != null && first.startsWith("$") && !first.equals("$-1")) {
				return in.readLine();
			}
			return first;
		}
	}

}
