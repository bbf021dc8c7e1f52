package io.mediafleet.schema.link;

/**
 * Data of a service-defined {@code *_event}; implement it with a record and register it with
 * {@link LinkCatalogue.Builder#event}.
 */
public non-sealed interface LinkEventData extends LinkData {

}
