package io.mediafleet.schema.burn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Outcome of reading a burned disc back and comparing its md5 with the image hash.
 */
public enum Verdict {

	/** The disc matches the image. */
	PASS("PASS"),

	/** The disc does not match the image; the job is queued again. */
	FAIL("FAIL");

	private static final WireNames<Verdict> NAMES = new WireNames<>("verdict", values(), Verdict::wire);

	private final String wire;

	Verdict(String wire) {
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
	public static Verdict ofWire(String wire) {
		return NAMES.of(wire);
	}

}
