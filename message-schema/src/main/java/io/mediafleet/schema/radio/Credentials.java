package io.mediafleet.schema.radio;

import org.jspecify.annotations.Nullable;

/**
 * The credential rule both {@code user_authentication} messages follow: a token, or a user name
 * together with an API key.
 */
final class Credentials {

	private Credentials() {
	}

	static void check(@Nullable String authToken, @Nullable String username, @Nullable String apiKey) {
		RadioFields.optionalId(authToken, "auth_token");
		RadioFields.optionalId(username, "username");
		RadioFields.optionalId(apiKey, "api_key");
		if (authToken == null && (username == null || apiKey == null)) {
			throw new IllegalArgumentException(
					"user_authentication needs field 'auth_token', or both fields 'username' and 'api_key'"
							+ ((username == null && apiKey == null) ? ""
									: " (missing '" + ((username == null) ? "username" : "api_key") + "')"));
		}
	}

}
