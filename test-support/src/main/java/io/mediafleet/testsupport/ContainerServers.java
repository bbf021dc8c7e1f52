package io.mediafleet.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts the official {@code redis:7} and {@code mongo:7} images with Testcontainers. Kept apart so Testcontainers
 * classes load only when Docker is asked about or used.
 */
final class ContainerServers {

	private static final int REDIS_PORT = 6379;

	private static final int MONGODB_PORT = 27017;

	private ContainerServers() {
	}

	static boolean isDockerAvailable() {
		return DockerClientFactory.instance().isDockerAvailable();
	}

	static RunningServer redis() {
		GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse("redis:7"))
			.withExposedPorts(REDIS_PORT)
			.waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1));
		container.start();
		String url = "redis://" + container.getHost() + ":" + container.getMappedPort(REDIS_PORT);
		return new RunningServer(TestServerSource.TESTCONTAINERS, url, container::stop);
	}

	static RunningServer mongoDb() {
		GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse("mongo:7"))
			.withExposedPorts(MONGODB_PORT)
			.waitingFor(Wait.forLogMessage("(?i).*waiting for connections.*", 1));
		container.start();
		String uri = "mongodb://" + container.getHost() + ":" + container.getMappedPort(MONGODB_PORT);
		return new RunningServer(TestServerSource.TESTCONTAINERS, uri, container::stop);
	}

}
