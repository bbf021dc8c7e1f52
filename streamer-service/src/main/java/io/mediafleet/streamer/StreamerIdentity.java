package io.mediafleet.streamer;

import java.util.Map;

import io.mediafleet.schema.node.NodeNames;
import org.jspecify.annotations.Nullable;

/**
 * The name this streamer uses towards the scheduler: configured, else the host name, else random.
 *
 * @param id the streamer id, e.g. {@code media-01}
 * @param derived whether the id was derived rather than configured
 */
public record StreamerIdentity(String id, boolean derived) {

	/** Characters a streamer id may contain, as a regular expression. */
	public static final String ALLOWED = NodeNames.ALLOWED;

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
		return new StreamerIdentity(NodeNames.fromHost(environment, "streamer"), true);
	}

}
