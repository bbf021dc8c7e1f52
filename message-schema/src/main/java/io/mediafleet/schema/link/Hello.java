package io.mediafleet.schema.link;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mediafleet.schema.json.Fields;

/**
 * {@code hello}: the master's first message on every new connection, announcing its version.
 *
 * @param version protocol version of the master, for example {@code 2.0.0}
 */
public record Hello(@JsonProperty("version") String version) implements LinkCoreData {

	/** Wire name. */
	public static final String TYPE = "hello";

	public Hello {
		Fields.requiredText(version, "version");
	}

	/** The hello of this implementation, carrying {@link LinkProtocol#VERSION}. */
	public static Hello current() {
		return new Hello(LinkProtocol.VERSION);
	}

}
