package io.mediafleet.scheduler.console;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A time range the listening page was asked for: {@code from} and {@code to} as a {@code datetime-local} input sends
 * them (read in {@code zone}) or as instants with an offset (what the page's own links carry), checked, with a
 * message per field when they do not make a range.
 *
 * @param from start (inclusive), {@code null} when a field is wrong
 * @param to end (exclusive), {@code null} when a field is wrong
 * @param zone the zone local times are read and shown in
 * @param errors field ({@code from}, {@code to}, {@code tz}) to message; empty when the range is good
 */
record ListeningRange(@Nullable Instant from, @Nullable Instant to, ZoneId zone, Map<String, String> errors) {

	/** The longest range the page charts or exports. */
	static final Duration MAX_RANGE = Duration.ofDays(92);

	/** The range shown when none is asked for. */
	static final Duration DEFAULT_RANGE = Duration.ofHours(24);

	static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	/**
	 * Reads a range; a blank {@code from} means {@link #DEFAULT_RANGE} before {@code to}, a blank {@code to} means
	 * {@code now}.
	 */
	static ListeningRange parse(@Nullable String fromText, @Nullable String toText, @Nullable String zoneText,
			ZoneId defaultZone, Instant now) {
		Map<String, String> errors = new LinkedHashMap<>();
		ZoneId zone = defaultZone;
		if (zoneText != null && !zoneText.isBlank()) {
			try {
				zone = ZoneId.of(zoneText.strip());
			}
			catch (DateTimeException ex) {
				errors.put("tz", "Unknown time zone '" + zoneText.strip() + "'; times are read in " + defaultZone);
			}
		}
		Instant to = (toText == null || toText.isBlank()) ? now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1))
				: instant(toText, zone, "to", errors);
		Instant from = (fromText == null || fromText.isBlank()) ? ((to != null) ? to.minus(DEFAULT_RANGE) : null)
				: instant(fromText, zone, "from", errors);
		if (from != null && to != null) {
			if (!from.isBefore(to)) {
				errors.put("from", "The start must be before the end");
			}
			else if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
				errors.put("to", "A range is at most " + MAX_RANGE.toDays() + " days; this one is "
						+ Duration.between(from, to).toDays() + " days: bring the end closer to the start");
			}
		}
		return errors.isEmpty() ? new ListeningRange(from, to, zone, Map.of())
				: new ListeningRange(null, null, zone, Map.copyOf(errors));
	}

	private static @Nullable Instant instant(String text, ZoneId zone, String field, Map<String, String> errors) {
		String value = text.strip();
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException notAnInstant) {
			try {
				return LocalDateTime.parse(value).atZone(zone).toInstant();
			}
			catch (DateTimeParseException ex) {
				errors.put(field, "Enter a date and time, e.g. 2026-12-06T14:30");
				return null;
			}
		}
	}

	boolean valid() {
		return this.errors.isEmpty();
	}

	/** {@code instant} as a {@code datetime-local} input shows it, in this range's zone. */
	String local(@Nullable Instant instant) {
		return (instant != null) ? INPUT.format(instant.atZone(this.zone)) : "";
	}

}
