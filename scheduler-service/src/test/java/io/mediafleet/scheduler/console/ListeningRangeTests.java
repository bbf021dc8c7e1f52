package io.mediafleet.scheduler.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ListeningRangeTests {

	private static final Instant NOW = Instant.parse("2026-12-06T13:20:40Z");

	@Test
	void noRangeMeansTheLastDayUpToTheNextMinute() {
		ListeningRange range = ListeningRange.parse(null, "", null, ZoneOffset.UTC, NOW);
		assertThat(range.valid()).isTrue();
		assertThat(range.to()).isEqualTo(Instant.parse("2026-12-06T13:21:00Z"));
		assertThat(range.from()).isEqualTo(Instant.parse("2026-12-05T13:21:00Z"));
	}

	@Test
	void localTimesAreReadInTheGivenZoneAndInstantsAsThemselves() {
		ListeningRange range = ListeningRange.parse("2026-07-01T10:00", "2026-07-01T12:00:00Z", "Europe/Paris",
				ZoneOffset.UTC, NOW);
		assertThat(range.valid()).isTrue();
		assertThat(range.from()).isEqualTo(Instant.parse("2026-07-01T08:00:00Z"));
		assertThat(range.to()).isEqualTo(Instant.parse("2026-07-01T12:00:00Z"));
		assertThat(range.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
		assertThat(range.local(range.to())).isEqualTo("2026-07-01T14:00");
	}

	@Test
	void aStartAfterTheEndIsRefusedOnTheStartField() {
		ListeningRange range = ListeningRange.parse("2026-12-06T12:00", "2026-12-06T11:00", null, ZoneOffset.UTC, NOW);
		assertThat(range.valid()).isFalse();
		assertThat(range.errors()).containsOnlyKeys("from");
		assertThat(range.errors().get("from")).contains("before the end");
	}

	@Test
	void aRangeLongerThanTheMostIsRefusedOnTheEndField() {
		ListeningRange range = ListeningRange.parse("2026-01-01T00:00", "2026-06-01T00:00", null, ZoneOffset.UTC, NOW);
		assertThat(range.errors()).containsOnlyKeys("to");
		assertThat(range.errors().get("to")).contains("at most " + ListeningRange.MAX_RANGE.toDays() + " days");
		assertThat(ListeningRange.parse("2026-01-01T00:00", null, null, ZoneOffset.UTC, NOW).valid()).isFalse();
		assertThat(ListeningRange.parse(null, null, null, ZoneOffset.UTC, NOW).to())
			.isEqualTo(NOW.plus(Duration.ofSeconds(20)));
	}

	@Test
	void unreadableTimesAndZonesAreRefusedPerField() {
		ListeningRange range = ListeningRange.parse("yesterday", "2026-13-01T00:00", "Mars/Olympus", ZoneOffset.UTC, NOW);
		assertThat(range.errors()).containsOnlyKeys("from", "to", "tz");
		assertThat(range.errors().get("from")).contains("Enter a date and time");
	}

}
