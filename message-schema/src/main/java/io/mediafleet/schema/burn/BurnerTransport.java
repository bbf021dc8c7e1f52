package io.mediafleet.schema.burn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a connected burner reaches the burn farm master: in the link's {@code burner_list_response} and
 * {@code burner_changed_event} ({@code "transport":"tcp"}), in the admin API's burner list and as a metric tag.
 */
public enum BurnerTransport {

	/** The line protocol on the burn port (TCP 1337). */
	TCP("tcp"),

	/** A slave session on the link (WebSocket). */
	LINK("link");

	private static final WireNames<BurnerTransport> NAMES = new WireNames<>("burner transport", values(),
			BurnerTransport::wire);

	private final String wire;

	BurnerTransport(String wire) {
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
	public static BurnerTransport ofWire(String wire) {
		return NAMES.of(wire);
	}

}
