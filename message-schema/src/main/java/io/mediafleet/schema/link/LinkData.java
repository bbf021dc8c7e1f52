package io.mediafleet.schema.link;

/**
 * The {@code data} object of a link message. The protocol's own messages are the sealed
 * {@link LinkCoreData} records and the {@link LinkResponse} forms; services add their events and
 * requests by implementing {@link LinkEventData} and {@link LinkRequestData} and registering them
 * in a {@link LinkCatalogue}.
 */
public sealed interface LinkData permits LinkCoreData, LinkEventData, LinkRequestData, LinkResponse {

}
