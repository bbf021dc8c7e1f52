package io.mediafleet.scheduler.radio;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The random-play rules, pure: the queue is refilled when fewer than {@link #REFILL_BELOW} songs remain, with songs
 * not played within the recent-play window, least recently played first (never played ones shuffled ahead of all).
 * When every song was played recently, the least recently played are used anyway rather than going silent.
 */
final class RandomQueue {

	static final int REFILL_BELOW = 3;

	private RandomQueue() {
	}

	/**
	 * The queue after refilling, if needed.
	 * @param queue songs still queued, head first
	 * @param playlist the playlist's songs
	 * @param lastPlayed when each song last started on this radio (absent: never)
	 * @param now the planned start of the next track
	 * @param window the recent-play window
	 * @param random source of shuffling
	 */
	static List<String> refill(List<String> queue, List<String> playlist, Map<String, Instant> lastPlayed,
			Instant now, Duration window, Random random) {
		Set<String> inPlaylist = new LinkedHashSet<>(playlist);
		List<String> result = new ArrayList<>(queue.stream().filter(inPlaylist::contains).toList());
		if (result.size() >= REFILL_BELOW) {
			return result;
		}
		List<String> candidates = new ArrayList<>(inPlaylist);
		candidates.removeAll(result);
		Instant recent = now.minus(window);
		List<String> fresh = candidates.stream()
			.filter((song) -> !lastPlayed.containsKey(song) || lastPlayed.get(song).isBefore(recent))
			.toList();
		List<String> chosen = new ArrayList<>(fresh.isEmpty() ? candidates : fresh);
		Collections.shuffle(chosen, random);
		// Stable sort after the shuffle: ties (never played) stay in random order.
		chosen.sort(Comparator.comparing((String song) -> lastPlayed.getOrDefault(song, Instant.MIN)));
		result.addAll(chosen);
		return result;
	}

}
