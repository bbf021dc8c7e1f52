package io.mediafleet.player.sync;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import io.mediafleet.player.playback.Player;
import io.mediafleet.schema.simul.SimulPause;
import io.mediafleet.schema.simul.SimulResume;
import io.mediafleet.schema.simul.SimulSeek;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.mediafleet.player.TestPrograms.require;
import static io.mediafleet.player.TestPrograms.tone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The start check against a real headless mpv: a player that started (or resumed, or seeked) far behind the group's
 * timeline is started again on it. The player acts at once and the sync is told the group's instant was 80 ms
 * earlier, so it lands 80 ms behind whatever the machine's load.
 */
class StartCheckIntegrationTests {

	private static final long BEHIND_MS = 80;

	private final InstantSource clock = InstantSource.system();

	@TempDir
	Path temp;

	@Test
	void aStartFarBehindTheTimelineIsStartedAgainOnIt() throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		try (Player player = player(); PlaybackSync sync = sync(player, meters, StartCheck.Settings.DEFAULTS)) {
			long at = startBehind(player);
			sync.started("tone.wav", at, 0, 0.0);
			// The check sequence is over when a check held: one error recorded more than there were restarts.
			await().atMost(Duration.ofSeconds(30)).until(() -> restarts(meters) >= 1
					&& meters.summary("mediafleet.player.start.error").count() == restarts(meters) + 1);
			// Within a generous bound of the timeline (a loaded machine starts a few ms off), far from 80 ms behind.
			assertThat(errorMs(player, at)).isBetween(-25.0, 25.0);
		}
	}

	@Test
	void withTheCheckOffAStartFarBehindStaysBehind() throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		try (Player player = player(); PlaybackSync sync = sync(player, meters, StartCheck.Settings.OFF)) {
			long at = startBehind(player);
			sync.started("tone.wav", at, 0, 0.0);
			Thread.sleep(1000);
			assertThat(restarts(meters)).isZero();
			assertThat(errorMs(player, at)).isLessThan(-50.0);
		}
	}

	@Test
	void aResumeThatLandsFarBehindTheTimelineIsStartedAgainOnIt() throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		try (Player player = player(); PlaybackSync sync = sync(player, meters, StartCheck.Settings.DEFAULTS)) {
			playUnchecked(player, sync);
			sync.transport(SimulPause.at("tone.wav", this.clock.millis(), 1000));
			await().atMost(Duration.ofSeconds(30)).until(() -> isPaused(player));
			long at = this.clock.millis() - BEHIND_MS;
			sync.transport(SimulResume.at("tone.wav", at, 1000));
			awaitChecked(meters);
			assertThat(errorMs(player, at, 1000)).isBetween(-25.0, 25.0);
		}
	}

	@Test
	void aSeekWhilePlayingThatLandsFarBehindTheTimelineIsStartedAgainOnIt() throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		try (Player player = player(); PlaybackSync sync = sync(player, meters, StartCheck.Settings.DEFAULTS)) {
			playUnchecked(player, sync);
			long at = this.clock.millis() - BEHIND_MS;
			sync.transport(SimulSeek.at("tone.wav", at, 10_000));
			awaitChecked(meters);
			assertThat(errorMs(player, at, 10_000)).isBetween(-25.0, 25.0);
		}
	}

	// Plays the tone from now on, without an agreed instant: no start check.
	private void playUnchecked(Player player, PlaybackSync sync) throws Exception {
		player.prepare(tone(this.temp.resolve("tone.wav"), 30), (code) -> {
		});
		player.go();
		sync.started("tone.wav", this.clock.millis(), 0, Double.NaN);
	}

	// The check sequence is over when a check held: one error recorded more than there were restarts.
	private static void awaitChecked(SimpleMeterRegistry meters) {
		await().atMost(Duration.ofSeconds(30)).until(() -> restarts(meters) >= 1
				&& meters.summary("mediafleet.player.start.error").count() == restarts(meters) + 1);
	}

	// The position stands still (mpv's audio-pts while paused is not the seek target: it lags by its output buffer).
	private static boolean isPaused(Player player) throws Exception {
		Double first = player.audioPosition();
		Thread.sleep(50);
		return first != null && first.equals(player.audioPosition());
	}

	private Player player() {
		return new Player(List.of(require("mpv"), "--no-terminal", "--no-config", "--ao=null", "--vo=null"), true);
	}

	// Correction off: only the start check acts in the first seconds.
	private PlaybackSync sync(Player player, SimpleMeterRegistry meters, StartCheck.Settings check) {
		return new PlaybackSync("check", player, this.clock, new PlaybackSync.Settings(false, Duration.ofMillis(250),
				Duration.ofSeconds(1), DriftController.Settings.DEFAULTS, check), (position) -> {
				}, meters);
	}

	// Loads the tone paused, unpauses it now and returns a start instant BEHIND_MS earlier.
	private long startBehind(Player player) throws Exception {
		player.prepare(tone(this.temp.resolve("tone.wav"), 30), (code) -> {
		});
		player.go();
		return this.clock.millis() - BEHIND_MS;
	}

	private static double restarts(SimpleMeterRegistry meters) {
		return meters.counter("mediafleet.player.start.restarts").count();
	}

	// The player's error against the timeline from position 0 at {@code at}, from the quickest of 8 readings.
	private double errorMs(Player player, long at) throws IOException {
		return errorMs(player, at, 0);
	}

	// The player's error against the timeline from {@code positionMs} at {@code at}, from the quickest of 8 readings.
	private double errorMs(Player player, long at, long positionMs) throws IOException {
		List<StartCheck.Reading> readings = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			double before = nowMs();
			Double position = player.audioPosition();
			double after = nowMs();
			if (position != null) {
				readings.add(new StartCheck.Reading(before, after, position * 1000));
			}
		}
		assertThat(readings).as("audio-pts readings").isNotEmpty();
		return StartCheck.errorMs(readings, at, positionMs);
	}

	private double nowMs() {
		Instant now = this.clock.instant();
		return now.getEpochSecond() * 1000.0 + now.getNano() / 1e6;
	}

}
