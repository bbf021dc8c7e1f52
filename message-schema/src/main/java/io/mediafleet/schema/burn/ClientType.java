package io.mediafleet.schema.burn;

/**
 * What a client says it is in its {@code ID} message: a CD or DVD burner, a command front end or a display.
 */
public enum ClientType {

	/** A burner with a CD-R drive. */
	BURNCDR("BURNCDR"),

	/** A burner with a DVD drive (which also burns CDs). */
	BURNDVD("BURNDVD"),

	/** A front end that queues images and names burners; it also receives what displays receive. */
	COMMAND("COMMAND"),

	/** A read-only front end showing the queue and the burners. */
	DISPLAY("DISPLAY");

	private static final WireNames<ClientType> NAMES = new WireNames<>("client type", values(), ClientType::wire);

	private final String wire;

	ClientType(String wire) {
		this.wire = wire;
	}

	/** The word written on the wire. */
	public String wire() {
		return this.wire;
	}

	/**
	 * The constant written as {@code wire} on the wire.
	 * @throws IllegalArgumentException if no constant has that word (case matters)
	 */
	public static ClientType ofWire(String wire) {
		return NAMES.of(wire);
	}

}
