package io.mediafleet.player;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The name this player uses on the simul buses: configured, else the host name, else random.
 *
 * @param name the slave name, e.g. {@code living-room}
 * @param derived whether the name was derived rather than configured
 */
public record SlaveName(String name, boolean derived) {

	/** Characters a slave name may contain, as a regular expression. */
	public static final String ALLOWED = "[A-Za-z0-9._-]+";

	public SlaveName {
		if (!name.matches(ALLOWED)) {
			throw new IllegalArgumentException("Slave name '" + name + "' must match " + ALLOWED);
		}
	}

	/**
	 * The configured name if present; otherwise the host name, lower-cased with characters outside {@link #ALLOWED}
	 * replaced, preferring {@code HOSTNAME} from {@code environment} (containers set it) over a lookup.
	 */
	public static SlaveName of(@Nullable String configured, Map<String, String> environment) {
		if (configured != null && !configured.isBlank()) {
			return new SlaveName(configured.strip(), false);
		}
		String host = sanitize(environment.get("HOSTNAME"));
		if (host == null) {
			host = sanitize(localHostName());
		}
		if (host == null) {
			byte[] random = new byte[4];
			new SecureRandom().nextBytes(random);
			host = "player-" + HexFormat.of().formatHex(random);
		}
		return new SlaveName(host, true);
	}

	static @Nullable String sanitize(@Nullable String hostName) {
		if (hostName == null) {
			return null;
		}
		String name = hostName.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
		name = name.replaceAll("^[-.]+|[-.]+$", "");
		// "localhost" names no machine: two slaves would collide under it.
		if (name.isEmpty() || name.equals("localhost") || name.startsWith("localhost.")) {
			return null;
		}
		return name;
	}

	private static @Nullable String localHostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
