package io.mediafleet.scheduler.link;

import io.mediafleet.schema.link.LinkCatalogue;

/**
 * One feature's messages on the link: a bean of this type per feature (the burn farm declares
 * {@code BurnLink::registerMessages}), and the hub's catalogue is the core messages plus every feature's, so a new
 * kind of link agent adds its messages with a bean instead of editing the hub. Two features that register the same
 * message name or data class make the catalogue, and so the context, fail at start.
 */
@FunctionalInterface
public interface LinkMessages {

	/** Registers this feature's events and requests on the hub's catalogue. */
	void register(LinkCatalogue.Builder builder);

}
