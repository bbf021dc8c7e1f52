package io.mediafleet.devstack;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real child processes ({@code sh}) that exit, restarted by a supervisor with a short backoff. */
class SupervisorIntegrationTests {

	private static final Duration QUICK = Duration.ofMillis(200);

	@TempDir
	Path directory;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private final List<String> lines = new ArrayList<>();

	private final Output output = (source, line) -> {
		System.out.println(source + " | " + line);
		synchronized (this.lines) {
			this.lines.add(source + " | " + line);
		}
	};

	private final AtomicInteger launches = new AtomicInteger();

	@AfterEach
	void stopTimer() {
		this.timer.shutdownNow();
	}

	@Test
	void aServiceThatExitsIsRestartedWithBackoffAndTheOutputSaysWhichWithWhatCodeAndWhen() {
		Supervisor supervisor = supervise("echo run; exit 3");
		supervisor.restartOnExit();
		await().atMost(Duration.ofSeconds(20)).until(() -> this.launches.get() >= 3);
		supervisor.stop();
		assertThat(lines()).contains(
				"devstack | crashy exited unexpectedly with exit code 3 (out of memory?); restarting it in 0.2 s (attempt 1)",
				"devstack | Restarting crashy (attempt 1)",
				"devstack | crashy exited unexpectedly with exit code 3 (out of memory?); restarting it in 0.4 s (attempt 2)",
				"devstack | Restarting crashy (attempt 2)");
		assertThat(lines()).filteredOn("crashy | run"::equals).hasSizeGreaterThanOrEqualTo(3);
	}

	@Test
	void aDeliberateStopRestartsNothing() throws Exception {
		Supervisor supervisor = supervise("echo run; exec sleep 60");
		supervisor.restartOnExit();
		await().atMost(Duration.ofSeconds(10)).until(() -> lines().contains("crashy | run"));
		ChildProcess child = supervisor.stop();
		child.requestStop();
		assertThat(child.awaitStop(Duration.ofSeconds(10))).isTrue();
		Thread.sleep(QUICK.multipliedBy(3).toMillis());
		assertThat(this.launches).hasValue(1);
		assertThat(lines()).noneMatch((line) -> line.contains("exited unexpectedly") || line.contains("Restarting"));
	}

	@Test
	void aStopWhileARestartIsPendingCancelsIt() throws Exception {
		Supervisor supervisor = Supervisor.start("crashy", launcher("exit 1"),
				new RestartBackoff(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMinutes(1)), this.timer,
				this.output, Clock.systemUTC());
		supervisor.restartOnExit();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> lines().contains("devstack | crashy exited unexpectedly with exit code 1; restarting it in 2 s (attempt 1)"));
		supervisor.stop();
		Thread.sleep(3000);
		assertThat(this.launches).hasValue(1);
	}

	@Test
	void aHeldRestartWaitsUntilTheHoldIsReleased() throws Exception {
		java.util.concurrent.atomic.AtomicBoolean held = new java.util.concurrent.atomic.AtomicBoolean(true);
		Supervisor supervisor = Supervisor.start("crashy", launcher("echo run; exec sleep 60"),
				new RestartBackoff(QUICK, Duration.ofSeconds(5), Duration.ofMinutes(1)), this.timer, this.output,
				Clock.systemUTC(), held::get);
		supervisor.restartOnExit();
		await().atMost(Duration.ofSeconds(10)).until(() -> lines().contains("crashy | run"));
		supervisor.current().kill();
		Thread.sleep(QUICK.multipliedBy(5).toMillis());
		assertThat(this.launches).hasValue(1);
		held.set(false);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.launches.get() == 2);
		ChildProcess child = supervisor.stop();
		child.requestStop();
		child.awaitStop(Duration.ofSeconds(10));
	}

	@Test
	void aHeldExitComesBackWhenTheHoldIsLiftedWhateverTheBackoffHasGrownTo() throws Exception {
		java.util.concurrent.atomic.AtomicBoolean held = new java.util.concurrent.atomic.AtomicBoolean(false);
		// A back-off that would wait a minute after the first exit already.
		Supervisor supervisor = Supervisor.start("crashy", launcher("echo run; exec sleep 60"),
				new RestartBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(10)), this.timer,
				this.output, Clock.systemUTC(), held::get);
		supervisor.restartOnExit();
		for (int kill = 1; kill <= 2; kill++) {
			long runs = kill;
			// The run this kill is for is up (the supervisor holds it as its current child).
			await().atMost(Duration.ofSeconds(10))
				.until(() -> lines().stream().filter("crashy | run"::equals).count() >= runs
						&& supervisor.current().isAlive());
			int launched = this.launches.get();
			held.set(true);
			supervisor.current().kill();
			Thread.sleep(QUICK.multipliedBy(3).toMillis());
			assertThat(this.launches).hasValue(launched);
			held.set(false);
			await().atMost(Duration.ofSeconds(10)).until(() -> this.launches.get() == launched + 1);
		}
		assertThat(lines()).contains("devstack | crashy exited unexpectedly with exit code 137; held: restarting it "
				+ "once the hold is lifted (attempt 2)");
		ChildProcess child = supervisor.stop();
		child.requestStop();
		child.awaitStop(Duration.ofSeconds(10));
	}

	@Test
	void anExitBeforeSupervisionIsArmedIsLeftToTheStartUpCheck() throws Exception {
		Supervisor supervisor = supervise("exit 2");
		await().atMost(Duration.ofSeconds(10)).until(() -> !supervisor.current().isAlive());
		Thread.sleep(QUICK.multipliedBy(3).toMillis());
		assertThat(this.launches).hasValue(1);
		assertThat(supervisor.current().exitValue()).isEqualTo(2);
		supervisor.stop();
	}

	private Supervisor supervise(String script) {
		Supervisor supervisor = Supervisor.start("crashy", launcher(script),
				new RestartBackoff(QUICK, Duration.ofSeconds(5), Duration.ofMinutes(1)), this.timer, this.output,
				Clock.systemUTC());
		return supervisor;
	}

	private java.util.function.Supplier<ChildProcess> launcher(String script) {
		return () -> {
			this.launches.incrementAndGet();
			return ChildProcess.start("crashy", List.of("sh", "-c", script), Map.of(), this.directory, this.output);
		};
	}

	private List<String> lines() {
		synchronized (this.lines) {
			return List.copyOf(this.lines);
		}
	}

}
