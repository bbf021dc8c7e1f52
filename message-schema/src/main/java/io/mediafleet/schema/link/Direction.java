package io.mediafleet.schema.link;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which way a message travels over a link. Links only ever join the master with a slave or a
 * control, so these four are all the directions there are.
 */
public enum Direction {

	MASTER_TO_SLAVE(Endpoint.MASTER, Endpoint.SLAVE),

	SLAVE_TO_MASTER(Endpoint.SLAVE, Endpoint.MASTER),

	MASTER_TO_CONTROL(Endpoint.MASTER, Endpoint.CONTROL),

	CONTROL_TO_MASTER(Endpoint.CONTROL, Endpoint.MASTER);

	private final Endpoint from;

	private final Endpoint to;

	Direction(Endpoint from, Endpoint to) {
		this.from = from;
		this.to = to;
	}

	/** The sending endpoint. */
	public Endpoint from() {
		return this.from;
	}

	/** The receiving endpoint. */
	public Endpoint to() {
		return this.to;
	}

	/** The same link travelled the other way, as a response travels relative to its request. */
	public Direction reverse() {
		return of(this.to, this.from);
	}

	/**
	 * The direction from {@code from} to {@code to}.
	 * @throws IllegalArgumentException if no link joins the two (slave and control, or the same
	 * endpoint twice)
	 */
	public static Direction of(Endpoint from, Endpoint to) {
		for (Direction direction : values()) {
			if (direction.from == from && direction.to == to) {
				return direction;
			}
		}
		throw new IllegalArgumentException("No link runs from " + from.label() + " to " + to.label());
	}

	/** Both directions out of the master: to slaves and to controls. */
	public static Set<Direction> fromMaster() {
		return EnumSet.of(MASTER_TO_SLAVE, MASTER_TO_CONTROL);
	}

	/** Both directions into the master: from slaves and from controls. */
	public static Set<Direction> toMaster() {
		return EnumSet.of(SLAVE_TO_MASTER, CONTROL_TO_MASTER);
	}

	/** Every direction: for messages any party may send, such as {@code heartbeat} and {@code close}. */
	public static Set<Direction> all() {
		return EnumSet.allOf(Direction.class);
	}

	@Override
	public String toString() {
		return this.from.label() + " to " + this.to.label();
	}

}
