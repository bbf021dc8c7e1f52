package io.mediafleet.scheduler.burn;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.mediafleet.scheduler.TestMongoClient;
import io.mediafleet.schema.burn.BurnerTransport;
import io.mediafleet.schema.burn.DriveState;
import io.mediafleet.schema.burn.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each burner's statistics (discs passed and failed, its last verdicts) are counted at the verdict, kept with the
 * burner in MongoDB, and read back by a farm that starts again; the queue view shows priorities after aging.
 */
class BurnerStatsIntegrationTests {

	@RegisterExtension
	static final TestMongoClient mongoClient = new TestMongoClient();

	private static final String UID = "5e0c2a9b7d1f4e3a8b6c0d2e4f6a8b1c";

	private static final String HASH = "0123456789abcdef0123456789abcdef";

	private MongoTemplate mongo;

	private final List<String> asked = new ArrayList<>();

	@BeforeEach
	void emptyDatabase() {
		this.mongo = mongoClient.freshTemplate("burner-stats-tests");
	}

	private BurnFarm farm(Clock clock) {
		return new BurnFarm(new BurnStore(this.mongo), new BurnMetrics(new SimpleMeterRegistry()), clock,
				Duration.ofMinutes(1), 100, false);
	}

	private BurnerChannel channel() {
		return new BurnerChannel() {

			@Override
			public BurnerTransport transport() {
				return BurnerTransport.TCP;
			}

			@Override
			public void burn(String hash) {
				BurnerStatsIntegrationTests.this.asked.add(hash);
			}

			@Override
			public void eject() {
			}

		};
	}

	/** One disc, from the burner being asked to its verdict. */
	private void burnOne(BurnFarm farm, Verdict verdict) {
		int before = this.asked.size();
		farm.idleStatus(UID, DriveState.AVAIL);
		assertThat(this.asked).hasSize(before + 1);
		farm.progress(UID, HASH, 50);
		farm.completed(UID, HASH, Duration.ofSeconds(3));
		farm.verified(UID, HASH, verdict);
	}

	@Test
	void verdictsAreCountedKeptFiveDeepNewestFirstAndSurviveARestart() {
		BurnFarm farm = farm(Clock.systemUTC());
		farm.burnerConnected(UID, "BURNDVD", channel());
		farm.imageInfo(HASH, "stats.iso", "", 4096);
		farm.capabilities(UID, List.of(HASH));
		assertThat(farm.stats(UID)).hasValueSatisfying((stats) -> {
			assertThat(stats.passed()).isZero();
			assertThat(stats.lastVerdicts()).isEmpty();
		});

		farm.queue(HASH, 1, 5);
		List<Verdict> order = List.of(Verdict.PASS, Verdict.FAIL, Verdict.PASS, Verdict.PASS, Verdict.FAIL,
				Verdict.PASS, Verdict.PASS);
		for (Verdict verdict : order) {
			burnOne(farm, verdict);
		}

		BurnFarm.BurnerStats stats = farm.stats(UID).orElseThrow();
		assertThat(stats.passed()).isEqualTo(5);
		assertThat(stats.failed()).isEqualTo(2);
		assertThat(stats.lastVerdicts()).extracting(BurnFarm.VerdictAt::verdict)
			.containsExactly(Verdict.PASS, Verdict.PASS, Verdict.FAIL, Verdict.PASS, Verdict.PASS);
		assertThat(stats.lastVerdicts()).allSatisfy((verdict) -> assertThat(verdict.hash()).isEqualTo(HASH));
		assertThat(stats.lastVerdicts().get(0).at()).isAfterOrEqualTo(stats.lastVerdicts().get(4).at());
		assertThat(farm.stats("ffffffffffffffffffffffffffffffff")).isEmpty();

		BurnFarm restarted = farm(Clock.systemUTC());
		assertThat(restarted.stats(UID)).contains(stats);
	}

	@Test
	void theQueueViewShowsThePriorityAfterAgingInBurnOrder() {
		Instant start = Instant.parse("2026-12-06T12:00:00Z");
		BurnFarm early = farm(Clock.fixed(start, ZoneOffset.UTC));
		early.imageInfo(HASH, "stats.iso", "", 4096);
		early.queue(HASH, 5, 1);
		// Ten aging steps later a new job at priority 1 is queued: the old one has aged to -5 and stays ahead.
		BurnFarm later = farm(Clock.fixed(start.plus(Duration.ofMinutes(10)), ZoneOffset.UTC));
		later.queue(HASH, 1, 1);

		assertThat(later.queueView()).extracting(BurnFarm.QueuedJob::priority, BurnFarm.QueuedJob::effectivePriority,
				BurnFarm.QueuedJob::fileName)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(5, -5L, "stats.iso"),
					org.assertj.core.groups.Tuple.tuple(1, 1L, "stats.iso"));
	}

}
