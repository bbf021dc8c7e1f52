package io.mediafleet.scheduler.burn;

import java.util.List;

import io.mediafleet.schema.burnlink.BurnLink;

/**
 * A display on either transport, told about every burner state change and every queue change; calls must not block.
 */
public interface FarmWatcher {

	/** A burner's state, image or name changed. */
	void burnerChanged(BurnLink.BurnerInfo burner);

	/** The queue changed; {@code jobs} in burn order. */
	void queueChanged(List<BurnLink.Job> jobs);

}
