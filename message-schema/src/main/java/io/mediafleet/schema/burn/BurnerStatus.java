package io.mediafleet.schema.burn;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One burner as an {@code SLIST} line reports it: {@code <uid>\t<hash or ->\t<state>}.
 *
 * @param uid the burner's persistent client UID, lowercase hex
 * @param hash md5 of the image the burner is working on, or {@code null} (written {@code -})
 * @param state the burner's state
 */
public record BurnerStatus(String uid, @Nullable String hash, BurnerState state) {

	/** What {@code SLIST} writes in place of the hash of a burner without a job. */
	public static final String NO_HASH = "-";

	public BurnerStatus {
		uid = BurnIds.uid(uid, "uid");
		hash = (hash != null) ? BurnIds.hash(hash, "hash") : null;
		Objects.requireNonNull(state, "state");
	}

	/** Status of a burner. */
	public static BurnerStatus of(String uid, @Nullable String hash, BurnerState state) {
		return new BurnerStatus(uid, hash, state);
	}

}
