package io.mediafleet.testsupport;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * mongo-java-server's in-memory backend taught the {@code hello} command, which it lacks up to 1.47.0 but Spring
 * Boot's MongoDB health indicator sends; answered like the legacy {@code isMaster} it replaced.
 */
final class HelloMemoryBackend extends MemoryBackend {

	@Override
	public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
		if ("hello".equalsIgnoreCase(command)) {
			Document reply = super.handleCommand(channel, databaseName, "ismaster", query);
			reply.remove("ismaster");
			reply.put("isWritablePrimary", Boolean.TRUE);
			return reply;
		}
		return super.handleCommand(channel, databaseName, command, query);
	}

}
