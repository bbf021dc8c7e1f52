package io.mediafleet.testsupport;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * mongo-java-server's H2 backend (an MVStore file: the data lives in the file and off the Java heap, only a page
 * cache is on it) taught the {@code hello} command ({@link HelloCommand}).
 */
final class HelloH2Backend extends H2Backend {

	HelloH2Backend(String fileName) {
		super(fileName);
	}

	@Override
	public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
		return HelloCommand.is(command)
				? HelloCommand.reply(super.handleCommand(channel, databaseName, "ismaster", query))
				: super.handleCommand(channel, databaseName, command, query);
	}

}
