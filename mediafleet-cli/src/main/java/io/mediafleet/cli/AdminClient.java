package io.mediafleet.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * The scheduler's REST admin API ({@code /api/admin/...}, bearer token) over the JDK's HTTP client, with every
 * failure turned into a {@link CliException} of the right {@link ExitCode}: unreachable, refused (401, 403, 409),
 * not found (404), bad request (400).
 */
public final class AdminClient {

	/** JSON for requests, answers and {@code --output json}. */
	public static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private final URI base;

	private final @Nullable String token;

	private final HttpClient http;

	AdminClient(URI base, @Nullable String token) {
		this.base = base;
		this.token = token;
		this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
	}

	/** The scheduler's base URL. */
	public URI base() {
		return this.base;
	}

	/** {@code GET /api/admin/<path>}; a 404 becomes {@code notFound} (or the server's message when null). */
	public JsonNode get(String path, @Nullable CliException notFound) {
		return send("GET", admin(path), null, notFound, true);
	}

	/** {@code POST /api/admin/<path>} with a JSON body (or none). */
	public JsonNode post(String path, @Nullable Object body, @Nullable CliException notFound) {
		return send("POST", admin(path), body, notFound, true);
	}

	/** {@code PUT /api/admin/<path>} with a JSON body. */
	public JsonNode put(String path, Object body, @Nullable CliException notFound) {
		return send("PUT", admin(path), body, notFound, true);
	}

	/** {@code DELETE /api/admin/<path>}. */
	public JsonNode delete(String path) {
		return send("DELETE", admin(path), null, null, true);
	}

	/**
	 * {@code GET} of any path of the scheduler without the token ({@code /actuator/health}); answers other than 2xx
	 * are returned as their body, with the HTTP status in {@code "status_code"} when the body is not an object.
	 */
	public JsonNode getOpen(String path) {
		return send("GET", this.base.resolve(path), null, null, false);
	}

	private URI admin(String path) {
		return URI.create(this.base + "/api/admin/" + path);
	}

	private JsonNode send(String method, URI uri, @Nullable Object body, @Nullable CliException notFound,
			boolean authenticated) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept",
				"application/json");
		if (authenticated) {
			if (this.token == null) {
				throw new CliException(ExitCode.REFUSED, "no admin token: set MEDIAFLEET_TOKEN, 'token' in "
						+ "~/.config/mediafleet/cli.properties, or use --token-stdin");
			}
			request.header("Authorization", "Bearer " + this.token);
		}
		if (body != null) {
			request.header("Content-Type", "application/json");
			request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<String> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new CliException(ExitCode.UNREACHABLE, "scheduler unreachable at " + this.base + " (" + method + " "
					+ uri.getPath() + "): " + describe(ex), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CliException(ExitCode.FAILED, "interrupted");
		}
		JsonNode answer = parse(response.body());
		int status = response.statusCode();
		if (status < 300 || !authenticated) {
			return answer;
		}
		String detail = detail(answer, response.body());
		throw switch (status) {
			case 401, 403 -> new CliException(ExitCode.REFUSED,
					"the scheduler at " + this.base + " refused the admin token (HTTP " + status + "): " + detail);
			case 404 -> (notFound != null) ? notFound : new CliException(ExitCode.NOT_FOUND, detail);
			case 409 -> new CliException(ExitCode.REFUSED, detail);
			case 400, 422 -> new CliException(ExitCode.USAGE, detail);
			default -> new CliException(ExitCode.FAILED, method + " " + uri.getPath() + ": HTTP " + status + ": " + detail);
		};
	}

	private static JsonNode parse(String body) {
		if (body.isBlank()) {
			return NullNode.getInstance();
		}
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return JSON.getNodeFactory().stringNode(body);
		}
	}

	private static String detail(JsonNode answer, String body) {
		for (String field : new String[] { "detail", "error", "message" }) {
			JsonNode value = answer.get(field);
			if (value != null && value.isString() && !value.asString().isBlank()) {
				return value.asString();
			}
		}
		String text = body.strip();
		return text.isEmpty() ? "(no details)" : (text.length() > 200 ? text.substring(0, 200) + "..." : text);
	}

	/** A connection failure in a few words: the JDK's messages are often empty for refused connections. */
	public static String describe(IOException ex) {
		String message = ex.getMessage();
		if (ex instanceof java.net.ConnectException) {
			return (message == null || message.isBlank() || message.equalsIgnoreCase("connection refused"))
					? "connection refused" : message;
		}
		if (ex instanceof java.net.http.HttpConnectTimeoutException) {
			return "connection timed out";
		}
		return ex.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
