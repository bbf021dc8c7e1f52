package io.mediafleet.scheduler.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The console's client of the scheduler's own REST admin API, over loopback with the admin token: every change an
 * operator makes in the console is the same request, with the same authorization and validation, as one made with
 * curl, and a refusal comes back as the API's problem document ({@link Outcome.Refused}).
 */
final class AdminApi {

	/** What the API answered. */
	sealed interface Outcome<T> {

		/**
		 * The change was made.
		 *
		 * @param value the API's answer, {@code null} when it had no body
		 */
		record Done<T>(@Nullable T value) implements Outcome<T> {
		}

		/**
		 * The API refused: its status, the problem's {@code detail} and, for bad input, the message of each field.
		 *
		 * @param status HTTP status
		 * @param detail what went wrong, for a person
		 * @param fields field name to message
		 */
		record Refused<T>(int status, String detail, Map<String, String> fields) implements Outcome<T> {

			boolean gone() {
				return this.status == 404;
			}

		}

	}

	private final Supplier<RestClient> client;

	private final ObjectMapper json;

	AdminApi(Supplier<RestClient> client, ObjectMapper json) {
		this.client = client;
		this.json = json;
	}

	/** {@code method path} with {@code body} as JSON; the answer read as {@code type} ({@code Void} for none). */
	<T> Outcome<T> call(HttpMethod method, String path, @Nullable Object body, Class<T> type) {
		try {
			RestClient.RequestBodySpec request = this.client.get().method(method).uri(path);
			if (body != null) {
				request.contentType(MediaType.APPLICATION_JSON).body(body);
			}
			if (type == Void.class) {
				request.retrieve().toBodilessEntity();
				return new Outcome.Done<>(null);
			}
			return new Outcome.Done<>(request.retrieve().body(type));
		}
		catch (RestClientResponseException ex) {
			return refused(ex);
		}
	}

	private <T> Outcome.Refused<T> refused(RestClientResponseException ex) {
		int status = ex.getStatusCode().value();
		String detail = switch (status) {
			case 404 -> "It no longer exists: another operator may have deleted it.";
			case 409 -> "Refused: it conflicts with the current state.";
			default -> "Refused (HTTP " + status + ").";
		};
		Map<String, String> fields = new LinkedHashMap<>();
		try {
			JsonNode problem = this.json.readTree(ex.getResponseBodyAsString());
			if (problem != null && problem.hasNonNull("detail")) {
				detail = problem.get("detail").asString();
			}
			else if (problem != null && problem.hasNonNull("error") && !problem.has("timestamp")) {
				// The simul API answers {"error": "..."}; Spring Boot's own error body (with a timestamp) names
				// only the status, which the default above already says better.
				detail = problem.get("error").asString();
			}
			JsonNode named = (problem != null) ? problem.get("fields") : null;
			if (named != null && named.isObject()) {
				for (var entry : named.properties()) {
					fields.put(entry.getKey(), entry.getValue().asString());
				}
			}
		}
		catch (RuntimeException notJson) {
			// The status alone says enough.
		}
		if (status == 404 && !detail.contains("no longer")) {
			detail = detail + " (another operator may have deleted it)";
		}
		return new Outcome.Refused<>(status, detail, fields);
	}

	static RestClient client(RestClient.Builder builder, String baseUrl, String adminToken) {
		return builder.clone()
			.baseUrl(baseUrl)
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + adminToken)
			.build();
	}

}
