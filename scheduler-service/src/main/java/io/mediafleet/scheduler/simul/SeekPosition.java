package io.mediafleet.scheduler.simul;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a position typed by an operator: {@code ss}, {@code mm:ss} or {@code h:mm:ss}, each optionally with a
 * fraction of a second ({@code 1:02:03.5}). Seconds and minutes after the first field are below 60.
 */
public final class SeekPosition {

	private static final Pattern FORMAT = Pattern
		.compile("(?:(?:(\\d{1,4}):)?(\\d{1,4}):)?(\\d{1,6})(?:\\.(\\d{1,3}))?");

	/** Longest position accepted: 100 days, the protocol's bound. */
	public static final long MAX_MILLIS = 8_640_000_000L;

	private SeekPosition() {
	}

	/**
	 * The position in milliseconds.
	 * @throws SimulCommandException if {@code text} is not a position
	 */
	public static long parseMillis(String text) {
		Matcher matcher = FORMAT.matcher(text.strip());
		if (!matcher.matches()) {
			throw new SimulCommandException("'" + text + "' is not a position: use mm:ss, h:mm:ss or seconds");
		}
		long hours = (matcher.group(1) != null) ? Long.parseLong(matcher.group(1)) : 0;
		long minutes = (matcher.group(2) != null) ? Long.parseLong(matcher.group(2)) : 0;
		long seconds = Long.parseLong(matcher.group(3));
		if ((matcher.group(2) != null && seconds >= 60) || (matcher.group(1) != null && minutes >= 60)) {
			throw new SimulCommandException("'" + text + "' is not a position: minutes and seconds go up to 59");
		}
		String fraction = (matcher.group(4) != null) ? (matcher.group(4) + "00").substring(0, 3) : "0";
		long millis = ((hours * 60 + minutes) * 60 + seconds) * 1000 + Long.parseLong(fraction);
		if (millis > MAX_MILLIS) {
			throw new SimulCommandException("'" + text + "' is beyond any file");
		}
		return millis;
	}

}
