package io.mediafleet.streamer.stream;

import java.util.function.UnaryOperator;

import io.mediafleet.schema.radio.RadioIds;
import io.mediafleet.streamer.stream.SchedulerLink.ListenerCredentials;
import org.jspecify.annotations.Nullable;

/**
 * What both listener front ends (the Spring MVC controller and the dedicated {@link ListenerServer}) read from a
 * listener's request the same way: the radio id from the path and the credentials.
 */
final class ListenerRequests {

	/** Longest credential value looked at; longer ones count as absent. */
	static final int MAX_CREDENTIAL_LENGTH = 1024;

	/** Response header telling the listener whether the scheduler granted it high definition. */
	static final String HD_HEADER = "X-Mediafleet-Hd";

	/**
	 * Sent by a streamer relaying a radio from its master: the master serves it like any listener (and counts it in
	 * its load), but registers no listening session for it, so a radio's sessions summed over streamers count people,
	 * not the relays between streamers. A client that sends it is simply not counted in the listening history.
	 */
	static final String RELAY_HEADER = "X-Mediafleet-Relay";

	private ListenerRequests() {
	}

	/** The radio id of a {@code /radios/{name}} path segment ({@code .mp3} suffix allowed), or {@code null}. */
	static @Nullable String radioOf(String name) {
		String radioUuid = name.endsWith(".mp3") ? name.substring(0, name.length() - 4) : name;
		return RadioIds.isSane(radioUuid) ? radioUuid : null;
	}

	/**
	 * The listener's credentials: a token ({@code auth_token} or {@code token} parameter, {@code X-Auth-Token}
	 * header, or {@code Authorization: Bearer}), else {@code username} + {@code api_key} (parameters, or the
	 * {@code X-Username} and {@code X-Api-Key} headers); {@code null} for an anonymous listener.
	 * @param parameter a query parameter's value by name, or {@code null}
	 * @param header a request header's value by name (case-insensitive), or {@code null}
	 */
	static @Nullable ListenerCredentials credentials(UnaryOperator<@Nullable String> parameter,
			UnaryOperator<@Nullable String> header) {
		String token = firstOf(parameter.apply("auth_token"), parameter.apply("token"), header.apply("X-Auth-Token"),
				bearer(header.apply("Authorization")));
		String username = firstOf(parameter.apply("username"), header.apply("X-Username"));
		String apiKey = firstOf(parameter.apply("api_key"), header.apply("X-Api-Key"));
		if (token == null && (username == null || apiKey == null)) {
			return null;
		}
		return (token != null) ? new ListenerCredentials(token, null, null)
				: new ListenerCredentials(null, username, apiKey);
	}

	private static @Nullable String bearer(@Nullable String authorization) {
		return (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7))
				? authorization.substring(7).strip() : null;
	}

	private static @Nullable String firstOf(@Nullable String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank() && value.length() <= MAX_CREDENTIAL_LENGTH) {
				return value.strip();
			}
		}
		return null;
	}

}
