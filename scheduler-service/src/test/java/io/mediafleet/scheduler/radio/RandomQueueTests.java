package io.mediafleet.scheduler.radio;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RandomQueueTests {

	private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

	private static final Duration WINDOW = Duration.ofHours(3);

	@Test
	void queueWithThreeOrMoreSongsIsKeptAsItIs() {
		List<String> queue = List.of("a", "b", "c");
		assertThat(RandomQueue.refill(queue, List.of("a", "b", "c", "d"), Map.of(), NOW, WINDOW, new Random(1)))
			.containsExactly("a", "b", "c");
	}

	@Test
	void refillSkipsSongsPlayedWithinTheWindowAndPutsLeastRecentlyPlayedFirst() {
		Map<String, Instant> lastPlayed = Map.of("recent", NOW.minus(Duration.ofHours(1)), "old",
				NOW.minus(Duration.ofHours(10)), "older", NOW.minus(Duration.ofHours(20)));
		for (int seed = 0; seed < 20; seed++) {
			List<String> queue = RandomQueue.refill(List.of("q"), List.of("q", "recent", "old", "older", "new1", "new2"),
					lastPlayed, NOW, WINDOW, new Random(seed));
			assertThat(queue).doesNotContain("recent");
			assertThat(queue.get(0)).isEqualTo("q");
			assertThat(queue.subList(1, 3)).containsExactlyInAnyOrder("new1", "new2");
			assertThat(queue.subList(3, 5)).containsExactly("older", "old");
		}
	}

	@Test
	void neverPlayedSongsComeInRandomOrder() {
		List<String> playlist = List.of("a", "b", "c", "d", "e", "f", "g", "h");
		long distinctFirsts = new Random(7).ints(30)
			.mapToObj((seed) -> RandomQueue.refill(List.of(), playlist, Map.of(), NOW, WINDOW, new Random(seed)).get(0))
			.distinct()
			.count();
		assertThat(distinctFirsts).isGreaterThan(1);
	}

	@Test
	void exhaustedPlaylistFallsBackToTheLeastRecentlyPlayedInsteadOfSilence() {
		Map<String, Instant> lastPlayed = Map.of("a", NOW.minusSeconds(60), "b", NOW.minusSeconds(600), "c",
				NOW.minusSeconds(30));
		assertThat(RandomQueue.refill(List.of(), List.of("a", "b", "c"), lastPlayed, NOW, WINDOW, new Random(3)))
			.containsExactly("b", "a", "c");
	}

	@Test
	void songsRemovedFromThePlaylistLeaveTheQueue() {
		assertThat(RandomQueue.refill(List.of("gone", "a"), List.of("a", "b"), Map.of(), NOW, WINDOW, new Random(3)))
			.containsExactly("a", "b");
	}

	@Test
	void emptyPlaylistGivesAnEmptyQueue() {
		assertThat(RandomQueue.refill(List.of(), List.of(), Map.of(), NOW, WINDOW, new Random(3))).isEmpty();
	}

}
