package io.mediafleet.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The few HTTP calls devstack makes to its own services while seeding the demo: JSON in, status and body out, each
 * bounded by a time-out.
 */
final class LocalHttp {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** Bodies larger than this are cut, so a misbehaving service cannot fill devstack's heap. */
	private static final int MAX_BODY_CHARS = 1 << 20;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final @Nullable String bearerToken;

	/** Calls with {@code bearerToken} in the {@code Authorization} header, or none when {@code null}. */
	LocalHttp(@Nullable String bearerToken) {
		this.bearerToken = bearerToken;
	}

	/** {@code method} on {@code http://localhost:<port><path>} with {@code json} as body when not {@code null}. */
	Response send(String method, int port, String path, @Nullable String json)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(TIMEOUT)
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json)
					: HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (this.bearerToken != null) {
			request.header("Authorization", "Bearer " + this.bearerToken);
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		String body = response.body();
		return new Response(response.statusCode(),
				(body.length() > MAX_BODY_CHARS) ? body.substring(0, MAX_BODY_CHARS) : body);
	}

	/**
	 * What a service answered.
	 *
	 * @param status the HTTP status
	 * @param body the body as text
	 */
	record Response(int status, String body) {

		boolean ok() {
			return this.status / 100 == 2;
		}

	}

}
