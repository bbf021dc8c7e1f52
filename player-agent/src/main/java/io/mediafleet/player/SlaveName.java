package io.mediafleet.player;

import java.util.Map;

import io.mediafleet.schema.node.NodeNames;
import org.jspecify.annotations.Nullable;

/**
 * The name this player uses on the simul buses: configured, else the host name, else random.
 *
 * @param name the slave name, e.g. {@code living-room}
 * @param derived whether the name was derived rather than configured
 */
public record SlaveName(String name, boolean derived) {

	/** Characters a slave name may contain, as a regular expression. */
	public static final String ALLOWED = NodeNames.ALLOWED;

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
		return new SlaveName(NodeNames.fromHost(environment, "player"), true);
	}

}
