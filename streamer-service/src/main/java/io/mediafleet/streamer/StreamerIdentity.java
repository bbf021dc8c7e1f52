package io.mediafleet.streamer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The name this streamer uses towards the scheduler: configured, else the host name, else random.
 *
 * @param id the streamer id, e.g. {@code media-01}
 * @param derived whether the id was derived rather than configured
 */
public record StreamerIdentity(String id, boolean derived) {

	/** Characters a streamer id may contain, as a regular expression. */
	public static final String ALLOWED = "[A-Za-z0-9._-]+";

	public StreamerIdentity {
		if (!id.matches(ALLOWED)) {
			throw new IllegalArgumentException("Streamer id '" + id + "' must match " + ALLOWED);
		}
	}

	/**
	 * The configured id if present; otherwise the host name, lower-cased with characters outside {@link #ALLOWED}
	 * replaced, preferring {@code HOSTNAME} from {@code environment} (containers set it) over a lookup.
	 */
	public static StreamerIdentity of(@Nullable String configured, Map<String, String> environment) {
		if (configured != null && !configured.isBlank()) {
			return new StreamerIdentity(configured.strip(), false);
		}
		String host = sanitize(environment.get("HOSTNAME"));
		if (host == null) {
			host = sanitize(localHostName());
		}
		if (host == null) {
			byte[] random = new byte[4];
			new SecureRandom().nextBytes(random);
			host = "streamer-" + HexFormat.of().formatHex(random);
		}
		return new StreamerIdentity(host, true);
	}

	static @Nullable String sanitize(@Nullable String hostName) {
		if (hostName == null) {
			return null;
		}
		String name = hostName.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
		name = name.replaceAll("^[-.]+|[-.]+$", "");
		// "localhost" names no machine: two streamers would collide under it.
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
