package io.mediafleet.schema.link;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import io.mediafleet.schema.json.Fields;

/**
 * One registration of a {@link LinkCatalogue}: a wire name with its kind, the directions it may
 * travel, and the class its data decodes to.
 *
 * @param name the wire name, for example {@code queue_add_request}
 * @param kind what part the type plays in the protocol
 * @param directions the directions the type may travel, never empty
 * @param dataClass the data record; for a {@link LinkMessageKind#RESPONSE} the result class
 * inside {@link Response}
 */
public record LinkMessageType(String name, LinkMessageKind kind, Set<Direction> directions, Class<?> dataClass) {

	public LinkMessageType {
		Fields.requiredText(name, "name");
		Fields.required(kind, "kind");
		Fields.required(dataClass, "dataClass");
		if (directions.isEmpty()) {
			throw new IllegalArgumentException("Message type '" + name + "' needs at least one direction");
		}
		directions = Collections.unmodifiableSet(EnumSet.copyOf(directions));
	}

	/** Whether this type may travel in {@code direction}. */
	public boolean allows(Direction direction) {
		return this.directions.contains(direction);
	}

	/** Whether some sender may send this type to {@code receiver}. */
	public boolean allowsInto(Endpoint receiver) {
		return this.directions.stream().anyMatch((direction) -> direction.to() == receiver);
	}

}
