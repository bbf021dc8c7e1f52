package io.mediafleet.testsupport;

/**
 * A started test server: where it came from, how to reach it and how to stop it.
 *
 * @param source where the server comes from
 * @param url how clients reach it ({@code redis://host:port} or {@code mongodb://host:port})
 * @param stopper stops the server; does nothing for servers this JVM did not start
 */
record RunningServer(TestServerSource source, String url, AutoCloseable stopper) {

	void stop() {
		try {
			this.stopper.close();
		}
		catch (Exception ex) {
			// Stopping happens from a shutdown hook where nobody could act on the failure.
		}
	}

}
