package io.mediafleet.scheduler.simul;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.mediafleet.scheduler.simul.SimulStatus.StartState;
import io.mediafleet.schema.json.JsonLimits;
import io.mediafleet.schema.simul.SimulCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a master makes of a simul kept across a restart ({@link SimulMaster#restore}), in memory, with a clock of the
 * test's own: members that advise again are matched, those that report their position play on, one that is back but
 * no longer reports its position ended while the master was away, and the document round-trips.
 */
class SimulRestoreTests {

	private static final Instant START = Instant.parse("2026-12-07T00:45:44.029Z");

	private final AtomicReference<Instant> now = new AtomicReference<>(START.plusSeconds(30));

	private final List<SimulSnapshot> offered = new ArrayList<>();

	private final SimulMaster master = new SimulMaster(new SimulCodec(JsonLimits.DEFAULTS), this.now::get,
			new SimulMaster.Settings(Duration.ofSeconds(15), Duration.ofSeconds(2), Duration.ofSeconds(5),
					Duration.ofMillis(500), 8),
			new SimpleMeterRegistry());

	@Test
	void theDocumentRoundTrips() {
		SimulSnapshot snapshot = SimulStateStoreIntegrationTests.snapshot(SimulState.PLAYING, true);
		assertThat(SimulSnapshot.fromDocument(snapshot.toDocument())).isEqualTo(snapshot);
	}

	@Test
	void aPlayingSimulIsTakenUpWithItsStartInstantTimelineAndPolicy() {
		this.master.restore(playing(StartState.STARTED));
		SimulStatus status = this.master.status();
		assertThat(status.state()).isEqualTo(SimulState.PLAYING);
		assertThat(status.filename()).isEqualTo("film.mkv");
		assertThat(status.startAt()).isEqualTo(START);
		assertThat(status.latePolicy()).isEqualTo(LatePolicy.WAIT);
		assertThat(status.slaves()).extracting(SimulStatus.SlaveStatus::start).containsExactly(StartState.STARTED);
		// Played 30 s from the start, then paused at 30 s: the group is still there.
		assertThat(this.master.sync().positionMs()).isEqualTo(30_000);
		assertThat(this.master.sync().paused()).isFalse();
	}

	@Test
	void aRestoredMemberThatReportsItsPositionPlaysOn() {
		this.master.restore(playing(StartState.STARTED));
		advise("{\"mtype\":\"slave-ready\",\"src\":\"den\"}");
		for (int i = 0; i < 10; i++) {
			this.now.set(this.now.get().plusSeconds(1));
			advise(position(30_000 + 1000 * i));
			this.master.tick();
		}
		assertThat(this.master.status().state()).isEqualTo(SimulState.PLAYING);
		assertThat(this.master.status().slaves().get(0).playCompleted()).isFalse();
	}

	@Test
	void aRestoredMemberBackWithoutPositionsEndedWhileTheMasterWasAway() {
		this.master.restore(playing(StartState.STARTED));
		advise("{\"mtype\":\"slave-ready\",\"src\":\"den\"}");
		this.now.set(this.now.get().plus(SimulMaster.RESTORED_SILENCE).minusMillis(1));
		this.master.tick();
		assertThat(this.master.status().state()).isEqualTo(SimulState.PLAYING);
		this.now.set(this.now.get().plusMillis(1));
		this.master.tick();
		assertThat(this.master.status().state()).isEqualTo(SimulState.COMPLETED);
	}

	@Test
	void aMemberPendingInTheStartWindowThatReportsItsPositionStartedMeanwhile() {
		SimulSnapshot starting = playing(StartState.PENDING);
		this.master.restore(new SimulSnapshot(SimulState.STARTING, starting.filename(), START, START, 0, false,
				LatePolicy.WAIT, starting.members(), starting.savedAt()));
		assertThat(this.master.status().state()).isEqualTo(SimulState.PLAYING);
		advise(position(31_000));
		assertThat(this.master.status().slaves().get(0).start()).isEqualTo(StartState.STARTED);
	}

	@Test
	void aReadySimulLooksForItsFileAgainAndAnIdleOneIsNotTakenUp() {
		SimulSnapshot playing = playing(StartState.NONE);
		this.master.restore(new SimulSnapshot(SimulState.READY, "film.mkv", null, null, 0, false, LatePolicy.DEFAULT,
				playing.members(), playing.savedAt()));
		assertThat(this.master.status().state()).isEqualTo(SimulState.LOCATING);

		SimulMaster other = new SimulMaster(new SimulCodec(JsonLimits.DEFAULTS), this.now::get,
				new SimulMaster.Settings(Duration.ofSeconds(15), Duration.ofSeconds(2), Duration.ofSeconds(5),
						Duration.ofMillis(500), 8),
				new SimpleMeterRegistry());
		other.restore(new SimulSnapshot(SimulState.IDLE, null, null, null, 0, false, LatePolicy.DEFAULT, List.of(),
				playing.savedAt()));
		assertThat(other.status().state()).isEqualTo(SimulState.IDLE);
		assertThat(other.status().slaves()).isEmpty();
	}

	@Test
	void everyChangeAfterTheRestoreIsOfferedOnce() {
		this.master.restore(playing(StartState.STARTED));
		this.master.persistTo(this.offered::add);
		advise("{\"mtype\":\"slave-ready\",\"src\":\"den\"}");
		assertThat(this.offered).isEmpty();
		advise("{\"mtype\":\"simul-playcompleted\",\"src\":\"den\",\"filename\":\"film.mkv\"}");
		assertThat(this.offered).extracting(SimulSnapshot::state).containsExactly(SimulState.PLAYING,
				SimulState.COMPLETED);
		assertThat(this.offered.get(1).startAt()).isEqualTo(START);
	}

	private static SimulSnapshot playing(StartState start) {
		return new SimulSnapshot(SimulState.PLAYING, "film.mkv", START, START, 0, false, LatePolicy.WAIT,
				List.of(new SimulSnapshot.Member("den", true, false, "a9f0e61a137d86aa9db53465e0801612", start, false, null,
						true)),
				START.plusSeconds(10));
	}

	private String position(long positionMs) {
		return "{\"mtype\":\"simul-position\",\"src\":\"den\",\"filename\":\"film.mkv\",\"position-ms\":" + positionMs
				+ ",\"clock-ms\":" + this.now.get().toEpochMilli() + "}";
	}

	private void advise(String json) {
		this.master.onAdvise(json.getBytes(StandardCharsets.UTF_8));
	}

}
