package io.mediafleet.player.sync;

import java.time.Duration;
import java.util.Random;

import io.mediafleet.player.sync.DriftController.Decision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class DriftControllerTests {

	private static final double SAMPLE_MS = 250;

	private final DriftController controller = new DriftController(DriftController.Settings.DEFAULTS);

	@Test
	void playerOnTheTimelineGetsNoCommand() {
		this.controller.playFrom(1000, 0);
		for (double t = 1500; t < 20_000; t += SAMPLE_MS) {
			assertThat(this.controller.onSample(t, t - 1000 + 0.5)).isInstanceOf(Decision.Hold.class);
		}
		assertThat(this.controller.speed()).isEqualTo(1.0);
	}

	@Test
	void smallLeadSlowsThePlayerProportionallyAndLagSpeedsItUp() {
		this.controller.playFrom(0, 0);
		this.controller.onSample(500, 510);
		Decision ahead = this.controller.onSample(1000, 1010);
		assertThat(ahead).isInstanceOf(Decision.SetSpeed.class);
		assertThat(((Decision.SetSpeed) ahead).speed()).isCloseTo(0.99, within(0.002));

		DriftController other = new DriftController(DriftController.Settings.DEFAULTS);
		other.playFrom(0, 0);
		other.onSample(500, 495);
		Decision behind = other.onSample(1000, 995);
		assertThat(((Decision.SetSpeed) behind).speed()).isCloseTo(1.005, within(0.002));
	}

	@Test
	void aSingleOutlyingReadingChangesNothing() {
		this.controller.playFrom(0, 0);
		for (double t = 500; t < 2000; t += SAMPLE_MS) {
			this.controller.onSample(t, t);
		}
		assertThat(this.controller.onSample(2000, 2045)).isInstanceOf(Decision.Hold.class);
		assertThat(this.controller.onSample(2250, 2250)).isInstanceOf(Decision.Hold.class);
		assertThat(this.controller.speed()).isEqualTo(1.0);
	}

	@Test
	void speedStaysWithinTheInaudibleBound() {
		this.controller.playFrom(0, 0);
		this.controller.onSample(500, 650);
		this.controller.onSample(1000, 1150);
		assertThat(this.controller.speed()).isEqualTo(0.98);
	}

	@Test
	void errorPastTheSeekThresholdSeeksToTheExpectedPositionThenSettles() {
		this.controller.playFrom(0, 0);
		Decision decision = this.controller.onSample(5000, 4700);
		assertThat(decision).isInstanceOf(Decision.Seek.class);
		assertThat(((Decision.Seek) decision).positionMs()).isEqualTo(5000);
		// Just after the seek mpv may still report the old position: ignored for the settle time.
		assertThat(this.controller.onSample(5100, 4800)).isInstanceOf(Decision.Hold.class);
	}

	@Test
	void samplesAreIgnoredWhilePausedAndTheTimelineResumesFromTheAnchor() {
		this.controller.playFrom(0, 0);
		this.controller.pauseAt(7000);
		assertThat(this.controller.onSample(60_000, 7000)).isInstanceOf(Decision.Hold.class);
		assertThat(this.controller.expectedPositionMs(60_000)).isEqualTo(7000);
		this.controller.playFrom(61_000, 7000);
		assertThat(this.controller.expectedPositionMs(62_000)).isEqualTo(8000);
	}

	@Test
	void playerRunningOnePercentFastIsHeldWithinThreeMillisecondsOnceTheBiasIsLearned() {
		double worstAfterSettling = simulate(1.01, 600_000, new Random(1));
		assertThat(worstAfterSettling).isLessThan(3.0);
	}

	@Test
	void playerRunningOnePercentSlowIsHeldToo() {
		assertThat(simulate(0.99, 600_000, new Random(2))).isLessThan(3.0);
	}

	@Test
	void withoutCorrectionTheSameBiasDriftsFarApart() {
		// The simulation itself, with the controller's decisions ignored: proves the tests above can fail.
		double position = 0;
		for (double t = 0; t < 60_000; t += SAMPLE_MS) {
			position += SAMPLE_MS * 1.01;
		}
		assertThat(position - 60_000).isGreaterThan(500);
	}

	@Test
	void badSettingsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DriftController.Settings(Duration.ofMillis(2), 0.5,
				Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofMillis(200), Duration.ZERO, 0.0002));
		assertThatIllegalArgumentException().isThrownBy(() -> new DriftController.Settings(Duration.ofMillis(300),
				0.02, Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofMillis(200), Duration.ZERO, 0.0002));
	}

	/**
	 * A player whose real rate is {@code speed × rateBias}, sampled with ±0.5 ms of read jitter, starting 30 ms
	 * late. Returns the largest |error| from 20 s on (after the bias is learned).
	 */
	private double simulate(double rateBias, double durationMs, Random random) {
		this.controller.playFrom(0, 0);
		double position = -30;
		double speed = 1.0;
		double worst = 0;
		for (double t = SAMPLE_MS; t < durationMs; t += SAMPLE_MS) {
			position += SAMPLE_MS * speed * rateBias;
			double read = position + (random.nextDouble() - 0.5);
			Decision decision = this.controller.onSample(t, read);
			if (decision instanceof Decision.SetSpeed set) {
				speed = set.speed();
			}
			else if (decision instanceof Decision.Seek seek) {
				position = seek.positionMs();
				speed = seek.speed();
			}
			if (t >= 20_000) {
				worst = Math.max(worst, Math.abs(position - t));
			}
		}
		return worst;
	}

}
