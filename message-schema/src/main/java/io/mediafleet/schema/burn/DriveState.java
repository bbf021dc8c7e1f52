package io.mediafleet.schema.burn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The tray and disc state in an idle burner's {@code STATUS} report.
 */
public enum DriveState {

	/** A blank disc is in the closed drive: ready to burn. */
	AVAIL("AVAIL"),

	/** The tray is closed without a blank disc. */
	EMPTY("EMPTY"),

	/** The tray is open. */
	OPEN("OPEN");

	private static final WireNames<DriveState> NAMES = new WireNames<>("drive state", values(), DriveState::wire);

	private final String wire;

	DriveState(String wire) {
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
	public static DriveState ofWire(String wire) {
		return NAMES.of(wire);
	}

}
