package io.mediafleet.schema.link;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mediafleet.schema.json.Fields;
import org.jspecify.annotations.Nullable;

/**
 * {@code register_slave}: a slave's answer to {@code hello}, opening a new session.
 *
 * <p>The codec accepts a missing {@code token} (the seed's example has none) so that the master
 * can answer with the protocol's own close reason, {@code Authentication failed}, rather than an
 * invalid-message error; the master requires one.
 *
 * @param token JWT minted by the master's admin API, {@code null} when absent
 * @param agent human-readable name of the connecting software
 * @param version protocol version of the slave, for example {@code 2.0.0}
 * @param name name of the slave
 * @param id id of the slave; a second registration with the same id replaces the first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegisterSlave(@JsonProperty("token") @Nullable String token, @JsonProperty("agent") String agent,
		@JsonProperty("version") String version, @JsonProperty("name") String name,
		@JsonProperty(value = "id", required = true) long id) implements LinkCoreData {

	/** Wire name. */
	public static final String TYPE = "register_slave";

	public RegisterSlave {
		Fields.requiredText(agent, "agent");
		Fields.requiredText(version, "version");
		Fields.requiredText(name, "name");
	}

	/** A registration at {@link LinkProtocol#VERSION}. */
	public static RegisterSlave of(String token, String agent, String name, long id) {
		return new RegisterSlave(token, agent, LinkProtocol.VERSION, name, id);
	}

}
