package io.mediafleet.scheduler.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * The health of the services the console is told of ({@code mediafleet.scheduler.console.services}), polled from
 * their {@code /actuator/health}; the scheduler's own health comes from its own actuator.
 */
final class FleetHealth {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private static final int MAX_BODY = 4096;

	/**
	 * One service as last polled.
	 *
	 * @param name as configured
	 * @param url its base URL
	 * @param status {@code UP}, {@code DOWN}, {@code OUT_OF_SERVICE} or {@code UNREACHABLE}
	 * @param detail why, when it is not up
	 * @param checkedAt when it was polled, {@code null} before the first poll
	 */
	record ServiceHealth(String name, URI url, String status, @Nullable String detail, @Nullable Instant checkedAt) {

		// Public: the overview template calls it, and SpEL finds public methods only.
		public boolean up() {
			return "UP".equals(this.status);
		}

	}

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final Map<String, URI> services;

	private volatile List<ServiceHealth> last;

	FleetHealth(Map<String, URI> services) {
		this.services = new LinkedHashMap<>(services);
		List<ServiceHealth> unknown = new ArrayList<>();
		this.services.forEach((name, url) -> unknown.add(new ServiceHealth(name, url, "UNKNOWN", "not polled yet", null)));
		this.last = List.copyOf(unknown);
	}

	/** The services as last polled, in configuration order. */
	List<ServiceHealth> services() {
		return this.last;
	}

	/** Polls every service at once; returns whether anything differs from the last poll. */
	boolean poll() {
		List<CompletableFuture<ServiceHealth>> polls = new ArrayList<>();
		this.services.forEach((name, url) -> polls.add(poll(name, url)));
		List<ServiceHealth> now = polls.stream().map(CompletableFuture::join).toList();
		boolean changed = false;
		for (int i = 0; i < now.size(); i++) {
			ServiceHealth before = this.last.get(i);
			if (!Objects.equals(before.status(), now.get(i).status())) {
				changed = true;
			}
		}
		this.last = now;
		return changed;
	}

	private CompletableFuture<ServiceHealth> poll(String name, URI base) {
		URI url = base.resolve("/actuator/health");
		HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Accept", "application/json").build();
		return this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
			Instant now = Instant.now();
			if (error != null) {
				return new ServiceHealth(name, base, "UNREACHABLE", rootMessage(error), now);
			}
			String body = response.body();
			body = body.substring(0, Math.min(body.length(), MAX_BODY));
			String status = statusOf(body);
			if (status == null) {
				status = (response.statusCode() == 200) ? "UP" : "DOWN";
			}
			return new ServiceHealth(name, base, status,
					"UP".equals(status) ? null : "HTTP " + response.statusCode(), now);
		});
	}

	/** The top-level {@code "status":"..."} of an actuator health document, without parsing all of it. */
	static @Nullable String statusOf(String body) {
		int at = body.indexOf("\"status\"");
		if (at < 0) {
			return null;
		}
		int open = body.indexOf('"', body.indexOf(':', at) + 1);
		int close = (open < 0) ? -1 : body.indexOf('"', open + 1);
		return (open < 0 || close < 0) ? null : body.substring(open + 1, close);
	}

	private static String rootMessage(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
