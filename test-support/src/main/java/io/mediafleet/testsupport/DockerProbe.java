package io.mediafleet.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Answers whether a Docker daemon can run containers for this JVM.
 */
@FunctionalInterface
public interface DockerProbe {

	/** {@code true} when containers can be started; never throws. */
	boolean isDockerAvailable();

	/**
	 * Asks Testcontainers whether a daemon answers, guarded as {@link #guarded(BooleanSupplier, Duration)} describes.
	 */
	static DockerProbe testcontainers(Duration timeout) {
		return guarded(ContainerServers::isDockerAvailable, timeout);
	}

	/**
	 * Asks {@code check} at most once per probe and waits for it at most {@code timeout}: any exception, error or
	 * time-out counts as "no Docker", so a machine without a daemon falls through to the embedded servers quickly.
	 */
	static DockerProbe guarded(BooleanSupplier check, Duration timeout) {
		return new GuardedDockerProbe(check, timeout);
	}

}
