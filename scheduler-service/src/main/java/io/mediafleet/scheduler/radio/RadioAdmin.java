package io.mediafleet.scheduler.radio;

import java.time.Clock;

/**
 * What the REST admin API may do with the radio scheduler: catalogue CRUD, tokens, views and force-stop.
 */
public class RadioAdmin {

	private final RadioLoop loop;

	private final RadioStore store;

	private final Clock clock;

	RadioAdmin(RadioLoop loop, RadioStore store, Clock clock) {
		this.loop = loop;
		this.store = store;
		this.clock = clock;
	}

	/** Stops programming a radio and closes its sessions; {@code false} if it was not programmed. */
	public boolean forceStop(String radioUuid) {
		return this.loop.call(() -> this.loop.handler().stopRadio(null, radioUuid, false));
	}

}
