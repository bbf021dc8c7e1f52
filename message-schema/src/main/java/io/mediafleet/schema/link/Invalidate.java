package io.mediafleet.schema.link;

/**
 * {@code invalidate}: the master cannot resume the session; the client drops its send buffer,
 * fails its pending requests and registers again on the same connection.
 */
public record Invalidate() implements LinkCoreData {

	/** Wire name. */
	public static final String TYPE = "invalidate";

}
