package io.mediafleet.schema.simul;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.databind.annotation.JsonTypeIdResolver;

/**
 * Any simul message; the JSON {@code mtype} field, resolved through {@link SimulMessageType},
 * selects the record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.PROPERTY, property = "mtype")
@JsonTypeIdResolver(SimulTypeIdResolver.class)
public sealed interface SimulMessage permits AdviseMessage, CommandMessage {

	/** This message's type. */
	@JsonIgnore
	default SimulMessageType messageType() {
		return SimulMessageType.of(this);
	}

}
