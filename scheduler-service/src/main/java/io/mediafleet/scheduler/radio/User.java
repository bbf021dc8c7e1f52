package io.mediafleet.scheduler.radio;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A listener account: the legacy username and api key (stored as a SHA-256 hash) and whether it may listen in HD.
 *
 * @param id user id, as sent in {@code user_id}
 * @param username legacy login name, unique
 * @param apiKeySha256 hex SHA-256 of the legacy api key, {@code null} when none is set
 * @param hd whether the user may listen in high definition
 */
@Document(User.COLLECTION)
public record User(@Id String id, String username, @Nullable String apiKeySha256, boolean hd) {

	static final String COLLECTION = "users";

}
