package io.mediafleet.testsupport;

import java.time.Duration;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One lazily started server per JVM, shared by every test, stopped by a shutdown hook.
 */
final class SharedServer {

	/** Shared by Redis and MongoDB so a JVM asks Docker at most once. */
	static final DockerProbe DOCKER = DockerProbe.testcontainers(Duration.ofSeconds(20));

	private static final Log log = LogFactory.getLog(SharedServer.class);

	private final String name;

	private final String variable;

	private final Function<TestServerChoice, RunningServer> starter;

	private @Nullable RunningServer server;

	SharedServer(String name, String variable, Function<TestServerChoice, RunningServer> starter) {
		this.name = name;
		this.variable = variable;
		this.starter = starter;
	}

	synchronized RunningServer get() {
		RunningServer running = this.server;
		if (running == null) {
			TestServerChoice choice = TestServerChoice.resolve(System.getenv(), this.variable, DOCKER);
			running = this.starter.apply(choice);
			this.server = running;
			Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "stop-test-" + this.name.toLowerCase()));
			log.info(this.name + " for tests: " + running.source() + " at " + running.url());
		}
		return running;
	}

}
