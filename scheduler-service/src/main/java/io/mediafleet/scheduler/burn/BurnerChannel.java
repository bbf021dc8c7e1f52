package io.mediafleet.scheduler.burn;

/**
 * The way to one connected burner, over whichever transport it uses; calls must not block.
 */
public interface BurnerChannel {

	/** {@code tcp} or {@code link}; a metric tag and shown in burner lists. */
	String transport();

	/** Tell the burner to burn {@code hash} (the line protocol's {@code BURN}). */
	void burn(String hash);

	/** Tell the burner to open its tray (the line protocol's {@code OPEN}). */
	void eject();

}
