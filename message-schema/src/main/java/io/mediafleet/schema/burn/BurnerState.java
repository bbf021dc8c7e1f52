package io.mediafleet.schema.burn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A burner's state as the server tracks it and reports it in {@code SLIST} entries.
 */
public enum BurnerState {

	/** Connected, identified, capabilities not known yet. */
	NEW("NEW"),

	/** Idle with a blank disc: may receive {@code BURN}. */
	AVAIL("AVAIL"),

	/** {@code BURN} was sent, no progress report yet. */
	ASKED("ASKED"),

	/** Burning (progress reports arriving). */
	BURN("BURN"),

	/** Burn finished, reading the disc back to verify it. */
	CHECKING("CHECKING"),

	/** The last disc verified correctly. */
	PASS("PASS"),

	/** The last disc failed verification. */
	FAIL("FAIL"),

	/** The tray is open. */
	OPEN("OPEN"),

	/** The tray is closed without a blank disc. */
	EMPTY("EMPTY"),

	/** Known burner that is not connected. */
	DISCONN("DISCONN");

	private static final WireNames<BurnerState> NAMES = new WireNames<>("burner state", values(), BurnerState::wire);

	private final String wire;

	BurnerState(String wire) {
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
	public static BurnerState ofWire(String wire) {
		return NAMES.of(wire);
	}

}
