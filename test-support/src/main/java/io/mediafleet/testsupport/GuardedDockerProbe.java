package io.mediafleet.testsupport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DockerProbe} that asks once, on a daemon thread, and treats every failure or time-out as "no Docker".
 */
final class GuardedDockerProbe implements DockerProbe {

	private static final Log log = LogFactory.getLog(GuardedDockerProbe.class);

	private final BooleanSupplier check;

	private final Duration timeout;

	private @Nullable Boolean answer;

	GuardedDockerProbe(BooleanSupplier check, Duration timeout) {
		this.check = check;
		this.timeout = timeout;
	}

	@Override
	public synchronized boolean isDockerAvailable() {
		Boolean known = this.answer;
		if (known == null) {
			known = ask();
			this.answer = known;
		}
		return known;
	}

	private boolean ask() {
		CompletableFuture<Boolean> result = new CompletableFuture<>();
		// A daemon thread, so a check stuck on a socket can neither block the caller past the time-out nor hold the
		// JVM open afterwards.
		Thread thread = new Thread(() -> {
			try {
				result.complete(this.check.getAsBoolean());
			}
			catch (Throwable ex) {
				log.info("Docker probe failed (" + ex + "); using embedded servers");
				result.complete(false);
			}
		}, "docker-probe");
		thread.setDaemon(true);
		thread.start();
		try {
			return result.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (Exception ex) {
			log.info("No answer from Docker within " + this.timeout + "; using embedded servers");
			return false;
		}
	}

}
