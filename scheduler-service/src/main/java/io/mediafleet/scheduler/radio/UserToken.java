package io.mediafleet.scheduler.radio;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An authentication token of a user, stored only as its SHA-256 hash; the hash is also its id for revocation.
 *
 * @param sha256 hex SHA-256 of the token
 * @param userId its user
 * @param issuedAt when it was issued
 */
@Document(UserToken.COLLECTION)
public record UserToken(@Id String sha256, String userId, Instant issuedAt) {

	static final String COLLECTION = "user_tokens";

}
