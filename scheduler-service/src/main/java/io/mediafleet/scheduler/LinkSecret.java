package io.mediafleet.scheduler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * The HS256 key that signs and checks link tokens: the configured secret, or a random one for this run only.
 */
public final class LinkSecret {

	private static final int GENERATED_BYTES = 32;

	private final byte[] key;

	private final boolean generated;

	private LinkSecret(byte[] key, boolean generated) {
		this.key = key;
		this.generated = generated;
	}

	/** The configured secret's UTF-8 bytes, or 32 random bytes when {@code configured} is {@code null} or blank. */
	public static LinkSecret of(@Nullable String configured) {
		if (configured == null || configured.isBlank()) {
			byte[] random = new byte[GENERATED_BYTES];
			new SecureRandom().nextBytes(random);
			return new LinkSecret(random, true);
		}
		return new LinkSecret(configured.getBytes(StandardCharsets.UTF_8), false);
	}

	/** A copy of the key bytes. */
	public byte[] key() {
		return Arrays.copyOf(this.key, this.key.length);
	}

	/** Whether the key was generated because none was configured. */
	public boolean generated() {
		return this.generated;
	}

	@Override
	public String toString() {
		// Never the key itself: this object ends up in logs and debuggers.
		return "LinkSecret[" + (this.generated ? "generated" : "configured") + ", " + this.key.length + " bytes, "
				+ "sha256 prefix " + fingerprint() + "]";
	}

	private String fingerprint() {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(this.key);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 6));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
