package io.mediafleet.schema.link;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mediafleet.schema.json.Fields;
import org.jspecify.annotations.Nullable;

/**
 * {@code register_control}: a control client's answer to {@code hello}, opening a new session.
 * A missing {@code token} decodes to {@code null} for the same reason as in {@link RegisterSlave}.
 *
 * @param token JWT minted by the master's admin API, {@code null} when absent
 * @param agent human-readable name of the connecting software
 * @param version protocol version of the control, for example {@code 2.0.0}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegisterControl(@JsonProperty("token") @Nullable String token, @JsonProperty("agent") String agent,
		@JsonProperty("version") String version) implements LinkCoreData {

	/** Wire name. */
	public static final String TYPE = "register_control";

	public RegisterControl {
		Fields.requiredText(agent, "agent");
		Fields.requiredText(version, "version");
	}

	/** A registration at {@link LinkProtocol#VERSION}. */
	public static RegisterControl of(String token, String agent) {
		return new RegisterControl(token, agent, LinkProtocol.VERSION);
	}

}
