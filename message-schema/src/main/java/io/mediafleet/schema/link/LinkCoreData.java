package io.mediafleet.schema.link;

/**
 * Data of the protocol's own messages (handshake, session, heartbeat, close); each permitted
 * record is registered exactly once by {@link LinkCatalogue.Builder#withCoreMessages()}.
 */
public sealed interface LinkCoreData extends LinkData
		permits Hello, RegisterSlave, RegisterControl, Ready, Resume, Continue, Invalidate, Heartbeat, Close {

}
