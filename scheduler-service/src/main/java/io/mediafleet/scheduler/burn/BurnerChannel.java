package io.mediafleet.scheduler.burn;

import io.mediafleet.schema.burn.BurnerTransport;

/**
 * The way to one connected burner, over whichever transport it uses; calls must not block.
 */
public interface BurnerChannel {

	/** The transport this burner uses; a metric tag and shown in burner lists. */
	BurnerTransport transport();

	/** Tell the burner to burn {@code hash} (the line protocol's {@code BURN}). */
	void burn(String hash);

	/** Tell the burner to open its tray (the line protocol's {@code OPEN}). */
	void eject();

}
