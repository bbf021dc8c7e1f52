package io.mediafleet.streamer.stream;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The request line and headers of a listener's HTTP/1.x request, as read by {@link ListenerServer}; only what a
 * listener request needs (method, path, query parameters, headers), nothing of a general HTTP server.
 * <p>
 * Example: {@code GET /radios/demo.mp3?username=ann&api_key=k1 HTTP/1.1\r\nIcy-MetaData: 1\r\n\r\n}.
 *
 * @param method the request method, e.g. {@code GET}
 * @param path the decoded path without the query, e.g. {@code /radios/demo.mp3}
 * @param parameters decoded query parameters (first value of each name)
 * @param headers header values by lower-case name (first value of each name)
 */
record RequestHead(String method, String path, Map<String, String> parameters, Map<String, String> headers) {

	/** Most header lines looked at. */
	static final int MAX_HEADERS = 64;

	/**
	 * Where the head ends in {@code bytes[0, length)}: the index just after the first {@code \r\n\r\n} (or
	 * {@code \n\n}), or -1 when it has not arrived yet.
	 */
	static int endOfHead(byte[] bytes, int length) {
		for (int i = 0; i < length; i++) {
			if (bytes[i] == '\n') {
				if (i + 1 < length && bytes[i + 1] == '\n') {
					return i + 2;
				}
				if (i + 2 < length && bytes[i + 1] == '\r' && bytes[i + 2] == '\n') {
					return i + 3;
				}
			}
		}
		return -1;
	}

	/** Parses a complete head; throws {@link BadRequestException} naming what is wrong. */
	static RequestHead parse(byte[] bytes, int length) {
		String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
		// Limit -1 keeps empty lines: a head of blank lines is an empty request line, not an empty array.
		String[] lines = text.split("\r?\n", -1);
		String[] requestLine = lines[0].split(" ");
		if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
			throw new BadRequestException("request line is not 'METHOD target HTTP/1.x'");
		}
		String target = requestLine[1];
		int question = target.indexOf('?');
		String rawPath = (question < 0) ? target : target.substring(0, question);
		Map<String, String> parameters = new HashMap<>();
		if (question >= 0) {
			for (String pair : target.substring(question + 1).split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int equals = pair.indexOf('=');
				String name = decodeQuery((equals < 0) ? pair : pair.substring(0, equals));
				String value = (equals < 0) ? "" : decodeQuery(pair.substring(equals + 1));
				parameters.putIfAbsent(name, value);
			}
		}
		Map<String, String> headers = new HashMap<>();
		for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
			if (i > MAX_HEADERS) {
				throw new BadRequestException("more than " + MAX_HEADERS + " header lines");
			}
			int colon = lines[i].indexOf(':');
			if (colon <= 0) {
				throw new BadRequestException("header line " + i + " has no name");
			}
			headers.putIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
					lines[i].substring(colon + 1).strip());
		}
		return new RequestHead(requestLine[0], decodePath(rawPath), parameters, headers);
	}

	@Nullable String parameter(String name) {
		return this.parameters.get(name);
	}

	@Nullable String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

	/** A path keeps its plus signs. */
	private static String decodePath(String value) {
		return decodeQuery(value.replace("+", "%2B"));
	}

	/** Query parameters are form-encoded: a plus is a space, as the servlet container reads them. */
	private static String decodeQuery(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new BadRequestException("bad percent-encoding in '" + value + "'");
		}
	}

	/** The request cannot be understood; answered with 400. */
	static final class BadRequestException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		BadRequestException(String message) {
			super(message);
		}

	}

}
