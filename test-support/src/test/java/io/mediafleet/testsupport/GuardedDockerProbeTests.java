package io.mediafleet.testsupport;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GuardedDockerProbeTests {

	@Test
	void answerIsAskedOnceAndRemembered() {
		AtomicInteger asked = new AtomicInteger();
		DockerProbe probe = DockerProbe.guarded(() -> asked.incrementAndGet() > 0, Duration.ofSeconds(10));
		assertThat(probe.isDockerAvailable()).isTrue();
		assertThat(probe.isDockerAvailable()).isTrue();
		assertThat(asked).hasValue(1);
	}

	@Test
	void failingCheckMeansNoDocker() {
		DockerProbe probe = DockerProbe.guarded(() -> {
			throw new IllegalStateException("Could not find a valid Docker environment");
		}, Duration.ofSeconds(10));
		assertThat(probe.isDockerAvailable()).isFalse();
	}

	@Test
	void errorInCheckMeansNoDocker() {
		DockerProbe probe = DockerProbe.guarded(() -> {
			throw new NoClassDefFoundError("com/github/dockerjava/api/DockerClient");
		}, Duration.ofSeconds(10));
		assertThat(probe.isDockerAvailable()).isFalse();
	}

	@Test
	void checkThatNeverAnswersMeansNoDocker() {
		CountDownLatch never = new CountDownLatch(1);
		DockerProbe probe = DockerProbe.guarded(() -> {
			try {
				never.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return true;
		}, Duration.ofMillis(50));
		assertThat(probe.isDockerAvailable()).isFalse();
	}

	@Test
	void testcontainersProbeAnswersOnThisMachineWithoutThrowing() {
		DockerProbe probe = DockerProbe.testcontainers(Duration.ofSeconds(30));
		boolean first = probe.isDockerAvailable();
		assertThat(probe.isDockerAvailable()).isEqualTo(first);
	}

}
