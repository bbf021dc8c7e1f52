package io.mediafleet.testsupport;

import de.bwaldvogel.mongo.bson.Document;

/**
 * The {@code hello} command, which mongo-java-server lacks up to 1.47.0 but Spring Boot's MongoDB health indicator
 * sends, answered like the legacy {@code isMaster} it replaced; shared by the backends the test servers use.
 */
final class HelloCommand {

	private HelloCommand() {
	}

	static boolean is(String command) {
		return "hello".equalsIgnoreCase(command);
	}

	/** The {@code hello} reply made from the backend's own {@code isMaster} reply. */
	static Document reply(Document isMaster) {
		isMaster.remove("ismaster");
		isMaster.put("isWritablePrimary", Boolean.TRUE);
		return isMaster;
	}

}
