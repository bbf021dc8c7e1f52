package io.mediafleet.scheduler.radio;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A weekly show of one radio: on the given days from {@code start} to {@code end} it plays its playlist instead of
 * the default one. An end at or before the start runs past midnight into the next day.
 *
 * @param id show id
 * @param radioUuid the radio
 * @param name display name
 * @param days days on which the show starts
 * @param start start time, {@code HH:mm}
 * @param end end time, {@code HH:mm}; at or before {@code start} means the next day
 * @param playlistId playlist played during the show
 */
@Document(Show.COLLECTION)
public record Show(@Id String id, String radioUuid, String name, Set<DayOfWeek> days, String start, String end,
		String playlistId) {

	static final String COLLECTION = "shows";

	LocalTime startTime() {
		return LocalTime.parse(this.start);
	}

	LocalTime endTime() {
		return LocalTime.parse(this.end);
	}

}
