package io.mediafleet.schema.radio;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mediafleet.schema.json.Fields;
import tools.jackson.databind.annotation.JsonSerialize;
import org.jspecify.annotations.Nullable;

/**
 * Scheduler to streamer: the answer to {@link UserAuthenticationRequest}, echoing the credentials
 * so the streamer can match it to the request. Unknown or bad credentials give
 * {@code user_id: null, hd: false}.
 *
 * @param userId the authenticated user's id, or {@code null} when authentication failed; written
 * as a JSON number when it is a plain decimal integer (as the original's ids were)
 * @param hd whether the user may listen in high definition
 * @param authToken echo of the request's token, or {@code null}
 * @param username echo of the request's user name, or {@code null}
 * @param apiKey echo of the request's API key, or {@code null}
 */
public record UserAuthenticationResult(
		@JsonProperty("user_id") @JsonSerialize(using = UserIdSerializer.class) @Nullable String userId,
		boolean hd, @JsonProperty("auth_token") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String authToken,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String username,
		@JsonProperty("api_key") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String apiKey)
		implements SchedulerMessage {

	/** Wire name in the {@code type} field. */
	public static final String TYPE = "user_authentication";

	public UserAuthenticationResult {
		RadioFields.optionalId(userId, "user_id");
		Credentials.check(authToken, username, apiKey);
	}

	/** A successful answer to {@code request}. */
	public static UserAuthenticationResult accepted(UserAuthenticationRequest request, String userId, boolean hd) {
		return new UserAuthenticationResult(userId, hd, request.authToken(), request.username(), request.apiKey());
	}

	/** The answer to {@code request} when its credentials are unknown or wrong. */
	public static UserAuthenticationResult rejected(UserAuthenticationRequest request) {
		return new UserAuthenticationResult(null, false, request.authToken(), request.username(), request.apiKey());
	}

	/** Whether a user was recognised. */
	@JsonIgnore
	public boolean isAuthenticated() {
		return this.userId != null;
	}

	// A boxed hd so that an absent or null value is reported as a missing field instead of
	// silently becoming false.
	@JsonCreator
	static UserAuthenticationResult fromJson(@JsonProperty("user_id") @Nullable String userId,
			@JsonProperty("hd") @Nullable Boolean hd, @JsonProperty("auth_token") @Nullable String authToken,
			@JsonProperty("username") @Nullable String username, @JsonProperty("api_key") @Nullable String apiKey) {
		return new UserAuthenticationResult(userId, Fields.required(hd, "hd"), authToken, username, apiKey);
	}

}
