package io.mediafleet.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Just enough RESP to talk to a real Redis in a test without a client library.
 */
final class RespClient {

	private RespClient() {
	}

	/** Sends one command of plain words to Redis on loopback {@code port}; returns the first reply line or bulk. */
	static String command(int port, String... words) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder("*" + words.length + "\r\n");
			for (String word : words) {
				request.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word)
					.append("\r\n");
			}
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			String first = in.readLine();
			if (first != null && first.startsWith("$") && !first.equals("$-1")) {
				return in.readLine();
			}
			return first;
		}
	}

}
