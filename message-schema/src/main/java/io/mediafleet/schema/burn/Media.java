package io.mediafleet.schema.burn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kind of drive in an idle burner's {@code STATUS} report.
 */
public enum Media {

	/** A CD-R drive. */
	CDR("CDR"),

	/** A DVD drive. */
	DVD("DVD");

	private static final WireNames<Media> NAMES = new WireNames<>("media", values(), Media::wire);

	private final String wire;

	Media(String wire) {
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
	public static Media ofWire(String wire) {
		return NAMES.of(wire);
	}

}
