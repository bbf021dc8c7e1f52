package io.mediafleet.schema.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How a node names itself on the wire when no name is configured (a streamer's id on the radio channels, a player's
 * {@code src} on the simul buses): its host name, lower-cased and cleaned to {@code [a-z0-9._-]}, which stays
 * stable across restarts; else a random name, because "localhost" names no machine and two nodes would collide
 * under it.
 */
public final class NodeNames {

	/** Characters a derived name may contain, as a regular expression. */
	public static final String ALLOWED = "[A-Za-z0-9._-]+";

	private NodeNames() {
	}

	/**
	 * The host name, preferring {@code HOSTNAME} from {@code environment} (containers set it) over a lookup, or
	 * {@code randomPrefix-xxxxxxxx} when neither gives a usable name.
	 */
	public static String fromHost(Map<String, String> environment, String randomPrefix) {
		String host = sanitize(environment.get("HOSTNAME"));
		if (host == null) {
			host = sanitize(localHostName());
		}
		if (host == null) {
			byte[] random = new byte[4];
			new SecureRandom().nextBytes(random);
			host = randomPrefix + "-" + HexFormat.of().formatHex(random);
		}
		return host;
	}

	/** {@code hostName} cleaned to a name, or {@code null} if nothing usable (or only "localhost") remains. */
	public static @Nullable String sanitize(@Nullable String hostName) {
		if (hostName == null) {
			return null;
		}
		String name = hostName.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
		name = name.replaceAll("^[-.]+|[-.]+$", "");
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
