package io.mediafleet.scheduler.console;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.mediafleet.scheduler.radio.Radio;
import io.mediafleet.scheduler.radio.RadioAdmin;
import io.mediafleet.scheduler.radio.Show;
import io.mediafleet.scheduler.radio.Song;
import org.jspecify.annotations.Nullable;

/**
 * What the radio screens show, computed once on the server so the templates only lay it out: a radio's row with its
 * song on air, and a week of shows cut into blocks per day (a window past midnight continues on the next day).
 */
final class RadioViews {

	private RadioViews() {
	}

	/**
	 * One radio in the list.
	 *
	 * @param uuid the radio
	 * @param name display name
	 * @param programmed whether a streamer plays it
	 * @param masterStreamer the streamer broadcasting it
	 * @param song title (or file name) on air, {@code null} when silent
	 * @param playTimeMs when the song started (epoch ms), 0 when silent
	 * @param songEndTimeMs when it ends (epoch ms), 0 when silent
	 * @param listeners open sessions
	 * @param defaultPlaylist name of its default playlist, {@code null} for none
	 * @param listenUrl what its listen button plays, {@code null} for no button
	 */
	record RadioRow(String uuid, String name, boolean programmed, @Nullable String masterStreamer,
			@Nullable String song, long playTimeMs, long songEndTimeMs, long listeners, @Nullable String defaultPlaylist,
			@Nullable String listenUrl) {

		static RadioRow of(Radio radio, RadioAdmin.RadioStatus status, Map<String, Song> songs,
				Map<String, String> playlistNames, @Nullable String listenTemplate) {
			String song = null;
			if (status.filename() != null) {
				Song known = (status.songId() != null) ? songs.get(status.songId()) : null;
				song = (known != null && known.title() != null && !known.title().isBlank()) ? known.title()
						: status.filename();
			}
			String listenUrl = (listenTemplate != null && status.masterStreamer() != null)
					? listenTemplate.replace("{streamer}", status.masterStreamer()).replace("{radio_uuid}", radio.uuid())
					: null;
			return new RadioRow(radio.uuid(), radio.name(), status.programmed(), status.masterStreamer(), song,
					millis(status.playTime()), millis(status.songEndTime()), status.listeners(),
					(radio.defaultPlaylistId() != null) ? playlistNames.getOrDefault(radio.defaultPlaylistId(),
							radio.defaultPlaylistId()) : null,
					listenUrl);
		}

		/** Permille of the song played at {@code nowMs}, for the first paint before the script ticks it. */
		public long progressPermille(long nowMs) {
			if (this.songEndTimeMs <= this.playTimeMs) {
				return 0;
			}
			long done = (nowMs - this.playTimeMs) * 1000 / (this.songEndTimeMs - this.playTimeMs);
			return Math.max(0, Math.min(1000, done));
		}

		private static long millis(@Nullable Instant instant) {
			return (instant != null) ? instant.toEpochMilli() : 0;
		}

	}

	/**
	 * A show's part on one day of the week grid.
	 *
	 * @param day the day it is drawn on
	 * @param fromMinute minute of the day it starts at
	 * @param toMinute minute of the day it ends at (1440 for midnight)
	 * @param showId the show
	 * @param name its name
	 * @param window its whole window, e.g. {@code 22:00–02:00}
	 * @param continued whether it started the day before
	 */
	record GridBlock(DayOfWeek day, int fromMinute, int toMinute, String showId, String name, String window,
			boolean continued) {

		/** Position in the day column, in percent of the day: {@code top:…%;height:…%}. */
		public String style() {
			return String.format(java.util.Locale.ROOT, "top:%.3f%%;height:%.3f%%", this.fromMinute * 100.0 / 1440,
					(this.toMinute - this.fromMinute) * 100.0 / 1440);
		}

	}

	/**
	 * A day column of the week grid.
	 *
	 * @param day the day
	 * @param label its short name
	 * @param blocks what is on, by start
	 */
	record GridDay(DayOfWeek day, String label, List<GridBlock> blocks) {
	}

	/** Monday to Sunday, each with the parts of {@code shows} on it. */
	static List<GridDay> week(List<Show> shows) {
		List<List<GridBlock>> byDay = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			byDay.add(new ArrayList<>());
		}
		for (Show show : shows) {
			int start = minute(show.start());
			int end = minute(show.end());
			String window = show.start() + "–" + show.end();
			for (DayOfWeek day : show.days()) {
				if (end > start) {
					byDay.get(day.ordinal()).add(new GridBlock(day, start, end, show.id(), show.name(), window, false));
					continue;
				}
				// At or before the start: it runs past midnight into the next day (Sunday into Monday).
				byDay.get(day.ordinal()).add(new GridBlock(day, start, 1440, show.id(), show.name(), window, false));
				if (end > 0) {
					DayOfWeek next = day.plus(1);
					byDay.get(next.ordinal()).add(new GridBlock(next, 0, end, show.id(), show.name(), window, true));
				}
			}
		}
		List<GridDay> week = new ArrayList<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			List<GridBlock> blocks = byDay.get(day.ordinal());
			blocks.sort(Comparator.comparingInt(GridBlock::fromMinute));
			week.add(new GridDay(day, day.getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH),
					List.copyOf(blocks)));
		}
		return week;
	}

	private static int minute(String time) {
		LocalTime parsed = LocalTime.parse(time);
		return parsed.getHour() * 60 + parsed.getMinute();
	}

	/** Days as the show list writes them, Monday first: {@code Mon, Wed}. */
	static String days(Show show) {
		return show.days().stream().sorted().map((day) -> day.getDisplayName(java.time.format.TextStyle.SHORT,
				java.util.Locale.ENGLISH)).reduce((a, b) -> a + ", " + b).orElse("");
	}

}
