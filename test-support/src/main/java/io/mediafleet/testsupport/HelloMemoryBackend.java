package io.mediafleet.testsupport;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/** mongo-java-server's in-memory backend taught the {@code hello} command ({@link HelloCommand}). */
final class HelloMemoryBackend extends MemoryBackend {

	@Override
	public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
		return HelloCommand.is(command)
				? HelloCommand.reply(super.handleCommand(channel, databaseName, "ismaster", query))
				: super.handleCommand(channel, databaseName, command, query);
	}

}
