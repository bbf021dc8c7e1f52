package io.mediafleet.schema.radio;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Streamer to scheduler: a listener presented credentials, either an {@code auth_token} or the
 * older {@code username} + {@code api_key} pair; the scheduler answers with
 * {@link UserAuthenticationResult}. When a token is present it wins over the pair.
 *
 * @param streamer the asking streamer's id
 * @param authToken the listener's token, or {@code null} when the pair is used
 * @param username the listener's user name (legacy method), or {@code null}
 * @param apiKey the listener's API key (legacy method), or {@code null}
 */
public record UserAuthenticationRequest(String streamer,
		@JsonProperty("auth_token") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String authToken,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String username,
		@JsonProperty("api_key") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String apiKey)
		implements StreamerMessage {

	/** Wire name in the {@code type} field. */
	public static final String TYPE = "user_authentication";

	public UserAuthenticationRequest {
		RadioFields.streamerId(streamer, "streamer");
		Credentials.check(authToken, username, apiKey);
	}

	/** A request with the current method, a token. */
	public static UserAuthenticationRequest withToken(String streamer, String authToken) {
		return new UserAuthenticationRequest(streamer, authToken, null, null);
	}

	/** A request with the legacy method, user name and API key. */
	public static UserAuthenticationRequest withApiKey(String streamer, String username, String apiKey) {
		return new UserAuthenticationRequest(streamer, null, username, apiKey);
	}

	/** Whether the scheduler should check the token rather than the user name and API key. */
	public boolean usesToken() {
		return this.authToken != null;
	}

}
