package io.mediafleet.testsupport;

import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * mongo-java-server's H2 backend (an MVStore file: the data lives in the file and off the Java heap, only a page
 * cache is on it) taught the {@code hello} command ({@link HelloCommand}), and able to freeze: while frozen, every
 * command waits unanswered (connections still accepted), as with a MongoDB stopped by {@code SIGSTOP}.
 */
final class HelloH2Backend extends H2Backend {

	private volatile CountDownLatch thawed = new CountDownLatch(0);

	HelloH2Backend(String fileName) {
		super(fileName);
	}

	void freeze() {
		if (this.thawed.getCount() == 0) {
			this.thawed = new CountDownLatch(1);
		}
	}

	void thaw() {
		this.thawed.countDown();
	}

	@Override
	public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
		try {
			this.thawed.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return HelloCommand.is(command)
				? HelloCommand.reply(super.handleCommand(channel, databaseName, "ismaster", query))
				: super.handleCommand(channel, databaseName, command, query);
	}

}
