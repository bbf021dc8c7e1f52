package io.mediafleet.scheduler.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ListeningBucketsTests {

	private static final Instant FROM = Instant.parse("2026-12-06T10:00:00Z");

	private static final Instant TO = Instant.parse("2026-12-06T11:00:00Z");

	private static final Duration STEP = Duration.ofMinutes(15);

	private static Instant at(int minutes) {
		return FROM.plus(Duration.ofMinutes(minutes));
	}

	private static ListeningBuckets buckets(Instant now) {
		return new ListeningBuckets(FROM, TO, STEP, now, 100);
	}

	@Test
	void aSessionCountsInEveryBucketItOverlapsAndNoOther() {
		ListeningBuckets buckets = buckets(TO);
		buckets.add("r1", at(10), at(35));
		assertThat(buckets.series(10)).singleElement().satisfies((series) -> {
			assertThat(series.radio()).isEqualTo("r1");
			assertThat(series.counts()).containsExactly(1, 1, 1, 0);
		});
		assertThat(buckets.startsEpochSeconds()).containsExactly(FROM.getEpochSecond(), at(15).getEpochSecond(),
				at(30).getEpochSecond(), at(45).getEpochSecond());
	}

	@Test
	void aSessionEndingExactlyWhereABucketStartsDoesNotCountInIt() {
		ListeningBuckets buckets = buckets(TO);
		buckets.add("r1", at(15), at(30));
		assertThat(buckets.series(10).getFirst().counts()).containsExactly(0, 1, 0, 0);
	}

	@Test
	void anOpenSessionCountsUntilNow() {
		ListeningBuckets buckets = buckets(at(20));
		buckets.add("r1", at(5), null);
		assertThat(buckets.series(10).getFirst().counts()).containsExactly(1, 1, 0, 0);
	}

	@Test
	void sessionsReachingBeyondTheRangeAreClippedToIt() {
		ListeningBuckets buckets = buckets(TO);
		buckets.add("r1", FROM.minus(Duration.ofHours(5)), TO.plus(Duration.ofHours(5)));
		assertThat(buckets.series(10).getFirst().counts()).containsExactly(1, 1, 1, 1);
		assertThat(buckets.sessions()).isOne();
	}

	@Test
	void sessionsOutsideTheRangeAreNotCounted() {
		ListeningBuckets buckets = buckets(TO);
		buckets.add("r1", FROM.minus(Duration.ofHours(2)), FROM);
		buckets.add("r1", TO, TO.plus(Duration.ofMinutes(1)));
		buckets.add("r2", TO.plus(Duration.ofMinutes(1)), null);
		assertThat(buckets.series(10)).isEmpty();
		assertThat(buckets.sessions()).isZero();
	}

	@Test
	void aSessionOfZeroLengthCountsInTheBucketItStartedIn() {
		ListeningBuckets buckets = buckets(TO);
		buckets.add("r1", at(20), at(20));
		assertThat(buckets.series(10).getFirst().counts()).containsExactly(0, 1, 0, 0);
	}

	@Test
	void overlappingSessionsAddUpPerRadio() {
		ListeningBuckets buckets = buckets(TO);
		buckets.add("r1", at(0), at(60));
		buckets.add("r1", at(20), at(25));
		buckets.add("r2", at(50), null);
		List<ListeningBuckets.Series> series = buckets.series(10);
		assertThat(series).extracting(ListeningBuckets.Series::radio).containsExactly("r1", "r2");
		assertThat(series.get(0).counts()).containsExactly(1, 2, 1, 1);
		assertThat(series.get(1).counts()).containsExactly(0, 0, 0, 1);
	}

	@Test
	void aLastBucketCutShortByTheEndOfTheRangeStillCounts() {
		ListeningBuckets buckets = new ListeningBuckets(FROM, at(40), STEP, TO, 100);
		buckets.add("r1", at(35), null);
		assertThat(buckets.series(10).getFirst().counts()).containsExactly(0, 0, 1);
	}

	@Test
	void radiosBeyondTheLargestAreSummedIntoOneSeries() {
		ListeningBuckets buckets = buckets(TO);
		buckets.add("big", at(0), at(60));
		buckets.add("big", at(0), at(60));
		buckets.add("middle", at(0), at(60));
		buckets.add("small", at(0), at(10));
		buckets.add("tiny", at(50), at(55));
		List<ListeningBuckets.Series> series = buckets.series(3);
		assertThat(series).extracting(ListeningBuckets.Series::radio)
			.containsExactly("big", "middle", ListeningBuckets.OTHERS);
		assertThat(series.get(2).counts()).containsExactly(1, 0, 0, 1);
	}

	@Test
	void aRangeNeedingTooManyBucketsOrEmptyIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ListeningBuckets(FROM, TO, Duration.ofSeconds(1), TO, 100))
			.withMessageContaining("3600 points");
		assertThatIllegalArgumentException().isThrownBy(() -> new ListeningBuckets(TO, FROM, STEP, TO, 100));
		assertThatIllegalArgumentException().isThrownBy(() -> new ListeningBuckets(FROM, TO, Duration.ofMillis(10), TO, 100_000));
	}

	@Test
	void theStepChosenKeepsAChartUnderItsTargetNumberOfPoints() {
		assertThat(ListeningBuckets.stepFor(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(1));
		assertThat(ListeningBuckets.stepFor(Duration.ofHours(24))).isEqualTo(Duration.ofMinutes(5));
		assertThat(ListeningBuckets.stepFor(Duration.ofDays(7))).isEqualTo(Duration.ofHours(1));
		assertThat(ListeningBuckets.stepFor(Duration.ofDays(92))).isEqualTo(Duration.ofHours(12));
	}

}
