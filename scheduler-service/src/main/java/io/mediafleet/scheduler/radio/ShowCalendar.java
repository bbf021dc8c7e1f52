package io.mediafleet.scheduler.radio;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Finds the show on air at a given local time; pure, so the rules are tested without a clock.
 */
final class ShowCalendar {

	private ShowCalendar() {
	}

	/**
	 * The show on air at {@code when}; when windows overlap, the one that started last wins (a show inside another
	 * interrupts it), then the lowest id.
	 */
	static Optional<Show> onAir(List<Show> shows, ZonedDateTime when) {
		return shows.stream()
			.filter((show) -> isOnAir(show, when))
			.max(Comparator.comparing((Show show) -> startedAt(show, when)).thenComparing(Show::id,
					Comparator.reverseOrder()));
	}

	static boolean isOnAir(Show show, ZonedDateTime when) {
		return startedAt(show, when) != null;
	}

	/** When the window containing {@code when} started, or {@code null} if the show is off air then. */
	private static @Nullable ZonedDateTime startedAt(Show show, ZonedDateTime when) {
		LocalTime time = when.toLocalTime();
		LocalTime start = show.startTime();
		LocalTime end = show.endTime();
		DayOfWeek today = when.getDayOfWeek();
		boolean crossesMidnight = !end.isAfter(start);
		if (show.days().contains(today) && !time.isBefore(start) && (crossesMidnight || time.isBefore(end))) {
			return when.with(start);
		}
		if (crossesMidnight && show.days().contains(today.minus(1)) && time.isBefore(end)) {
			return when.minusDays(1).with(start);
		}
		return null;
	}

}
