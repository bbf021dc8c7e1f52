package io.mediafleet.schema.link;

/**
 * Data of a service-defined {@code *_request}; implement it with a record and register it with
 * {@link LinkCatalogue.Builder#request}.
 */
public non-sealed interface LinkRequestData extends LinkData {

}
