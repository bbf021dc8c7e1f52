package io.mediafleet.scheduler.radio;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShowCalendarTests {

	// 2026-11-20 is a Friday.
	private static ZonedDateTime at(int day, int hour, int minute) {
		return LocalDateTime.of(2026, 11, day, hour, minute).atZone(ZoneOffset.UTC);
	}

	private static Show show(String id, Set<DayOfWeek> days, String start, String end) {
		return new Show(id, "r", id, days, start, end, id + "-list");
	}

	@Test
	void showIsOnAirInsideItsWindowOnItsDaysOnly() {
		Show morning = show("morning", Set.of(DayOfWeek.FRIDAY), "08:00", "10:00");
		assertThat(ShowCalendar.onAir(List.of(morning), at(20, 8, 0))).contains(morning);
		assertThat(ShowCalendar.onAir(List.of(morning), at(20, 9, 59))).contains(morning);
		assertThat(ShowCalendar.onAir(List.of(morning), at(20, 10, 0))).as("end is exclusive").isEmpty();
		assertThat(ShowCalendar.onAir(List.of(morning), at(20, 7, 59))).isEmpty();
		assertThat(ShowCalendar.onAir(List.of(morning), at(21, 9, 0))).as("Saturday").isEmpty();
	}

	@Test
	void windowAcrossMidnightBelongsToTheDayItStarts() {
		Show night = show("night", Set.of(DayOfWeek.FRIDAY), "22:00", "02:00");
		assertThat(ShowCalendar.onAir(List.of(night), at(20, 23, 30))).as("Friday night").contains(night);
		assertThat(ShowCalendar.onAir(List.of(night), at(21, 1, 59))).as("early Saturday").contains(night);
		assertThat(ShowCalendar.onAir(List.of(night), at(21, 2, 0))).isEmpty();
		assertThat(ShowCalendar.onAir(List.of(night), at(20, 1, 0))).as("early Friday belongs to Thursday").isEmpty();
		assertThat(ShowCalendar.onAir(List.of(night), at(21, 23, 0))).as("Saturday night").isEmpty();
	}

	@Test
	void equalStartAndEndRunsTwentyFourHours() {
		Show allDay = show("all", Set.of(DayOfWeek.FRIDAY), "06:00", "06:00");
		assertThat(ShowCalendar.onAir(List.of(allDay), at(20, 6, 0))).contains(allDay);
		assertThat(ShowCalendar.onAir(List.of(allDay), at(21, 5, 59))).contains(allDay);
		assertThat(ShowCalendar.onAir(List.of(allDay), at(21, 6, 0))).isEmpty();
	}

	@Test
	void showInsideAnotherInterruptsIt() {
		Show day = show("day", Set.of(DayOfWeek.FRIDAY), "08:00", "20:00");
		Show news = show("news", Set.of(DayOfWeek.FRIDAY), "12:00", "12:30");
		assertThat(ShowCalendar.onAir(List.of(day, news), at(20, 12, 10))).contains(news);
		assertThat(ShowCalendar.onAir(List.of(news, day), at(20, 12, 40))).contains(day);
	}

}
