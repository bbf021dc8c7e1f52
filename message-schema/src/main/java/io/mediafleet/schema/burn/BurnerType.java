package io.mediafleet.schema.burn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The drive a burner declares in its {@code CAP} message.
 */
public enum BurnerType {

	/** A CD-R drive. */
	BURNCDR("BURNCDR"),

	/** A DVD drive. */
	BURNDVD("BURNDVD");

	private static final WireNames<BurnerType> NAMES = new WireNames<>("burner type", values(), BurnerType::wire);

	private final String wire;

	BurnerType(String wire) {
		this.wire = wire;
	}

	/** The word written on the wire. */
	@JsonValue
	public String wire() {
		return this.wire;
	}

	/**
	 * The constant written as {@code wire} on the wire.
	 * @throws IllegalArgumentException if no constant has that word (case matters)
	 */
	@JsonCreator
	public static BurnerType ofWire(String wire) {
		return NAMES.of(wire);
	}

}
