package io.mediafleet.scheduler.listen;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ListenDirectoryTests {

	private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");

	private final ListenDirectory directory = new ListenDirectory(Duration.ofSeconds(3));

	@Test
	void listenersGoToTheMostHeadroomUntilTheHeadroomsAreEven() {
		this.directory.report("a", 0, 100, "http://a:8001", T0);
		this.directory.report("b", 0, 200, "http://b:8001/", T0);
		Map<String, Integer> sent = choose(200, T0);
		// b takes the first 100 alone (its headroom is larger), then they alternate: 50 more each.
		assertThat(sent).containsEntry("a", 50).containsEntry("b", 150);
		assertThat(this.directory.choose(T0)).get().extracting(ListenDirectory.Choice::listenUrl)
			.isIn("http://a:8001", "http://b:8001");
	}

	@Test
	void reportedListenersCountAgainstTheHeadroom() {
		this.directory.report("a", 90, 100, "http://a:8001", T0);
		this.directory.report("b", 10, 100, "http://b:8001", T0);
		assertThat(choose(80, T0)).containsOnlyKeys("b").containsEntry("b", 80);
		assertThat(choose(20, T0)).containsEntry("a", 10).containsEntry("b", 10);
	}

	@Test
	void aStreamerAtItsLimitIsNeverChosenAndNoRoomAnywhereIsEmpty() {
		this.directory.report("full", 50, 50, "http://full:8001", T0);
		this.directory.report("small", 0, 2, "http://small:8001", T0);
		assertThat(choose(2, T0)).containsOnlyKeys("small");
		assertThat(this.directory.choose(T0)).isEmpty();
	}

	@Test
	void aStreamerWhoseReportsStoppedWhileOthersReportIsNotChosenOnceStale() {
		this.directory.report("a", 0, 100, "http://a:8001", T0);
		this.directory.report("b", 50, 100, "http://b:8001", T0);
		assertThat(this.directory.choose(T0.plusSeconds(1))).get().extracting(ListenDirectory.Choice::streamer)
			.isEqualTo("a");
		// b keeps reporting, a went silent.
		this.directory.report("b", 50, 100, "http://b:8001", T0.plusMillis(3001));
		assertThat(this.directory.choose(T0.plusMillis(3001))).get().extracting(ListenDirectory.Choice::streamer)
			.isEqualTo("b");
		assertThat(this.directory.isLive("a", T0.plusMillis(3001))).isFalse();
		assertThat(this.directory.isLive("b", T0.plusMillis(3001))).isTrue();
	}

	@Test
	void aStreamerIsSilentAmongOthersOnlyWhileOthersReportWithoutIt() {
		this.directory.report("a", 0, 100, "http://a:8001", T0);
		this.directory.report("b", 0, 100, "http://b:8001", T0);
		assertThat(this.directory.isSilentAmongOthers("a")).isFalse();
		this.directory.report("b", 0, 100, "http://b:8001", T0.plusMillis(3000));
		assertThat(this.directory.isSilentAmongOthers("a")).as("3 s behind, not more").isFalse();
		this.directory.report("b", 0, 100, "http://b:8001", T0.plusMillis(3001));
		assertThat(this.directory.isSilentAmongOthers("a")).isTrue();
		assertThat(this.directory.isSilentAmongOthers("b")).isFalse();
		assertThat(this.directory.isSilentAmongOthers("never-reported")).isFalse();
		// it reports again: no longer silent
		this.directory.report("a", 0, 100, "http://a:8001", T0.plusMillis(3500));
		assertThat(this.directory.isSilentAmongOthers("a")).isFalse();
	}

	@Test
	void nobodyIsSilentAmongOthersWhenEveryReportStopped() {
		// The scheduler hears nobody (its Redis link is down): however long, no streamer is blamed.
		ListenDirectory quiet = new ListenDirectory(Duration.ofSeconds(3));
		quiet.report("a", 0, 100, "http://a:8001", T0);
		quiet.report("b", 0, 100, "http://b:8001", T0.plusMillis(500));
		assertThat(quiet.isLive("a", T0.plusSeconds(20))).isFalse();
		assertThat(quiet.isSilentAmongOthers("a")).isFalse();
		assertThat(quiet.isSilentAmongOthers("b")).isFalse();
	}

	@Test
	void reportsThatAllArriveLateDropNobodyUntilTheyStopAltogether() {
		this.directory.report("a", 0, 100, "http://a:8001", T0);
		this.directory.report("b", 0, 100, "http://b:8001", T0);
		// The loop is 10 s behind: both reports are old, neither older than the other.
		assertThat(this.directory.choose(T0.plusSeconds(10))).isPresent();
		assertThat(this.directory.isLive("a", T0.plusSeconds(10))).isTrue();
		// Nobody reported for 5 × 3 s: nobody is live.
		assertThat(this.directory.choose(T0.plusMillis(15001))).isEmpty();
	}

	@Test
	void aJoiningStreamerTakesNewListenersAndARemovedOneNone() {
		this.directory.report("a", 80, 100, "http://a:8001", T0);
		assertThat(choose(5, T0)).containsOnlyKeys("a");
		this.directory.report("c", 0, 100, "http://c:8001", T0.plusSeconds(1));
		assertThat(choose(5, T0.plusSeconds(1))).containsOnlyKeys("c");
		this.directory.remove("c");
		assertThat(choose(5, T0.plusSeconds(1))).containsOnlyKeys("a");
		assertThat(this.directory.listenUrl("c")).isNull();
	}

	@Test
	void aNewReportReplacesTheListenersCountedSinceTheLastOne() {
		this.directory.report("a", 0, 10, "http://a:8001", T0);
		choose(10, T0);
		assertThat(this.directory.choose(T0)).isEmpty();
		this.directory.report("a", 4, 10, "http://a:8001", T0.plusSeconds(1));
		assertThat(choose(6, T0.plusSeconds(1))).containsEntry("a", 6);
		assertThat(this.directory.streamers(T0.plusSeconds(1))).singleElement().satisfies((load) -> {
			assertThat(load.listeners()).isEqualTo(4);
			assertThat(load.sentSinceReport()).isEqualTo(6);
			assertThat(load.live()).isTrue();
		});
	}

	@Test
	void longSilentStreamersArePruned() {
		this.directory.report("old", 0, 10, "http://old:8001", T0);
		this.directory.report("new", 0, 10, "http://new:8001", T0.plusSeconds(31));
		assertThat(this.directory.streamers(T0.plusSeconds(31))).extracting(ListenDirectory.StreamerLoad::streamer)
			.containsExactly("new");
	}

	private Map<String, Integer> choose(int listeners, Instant now) {
		Map<String, Integer> sent = new HashMap<>();
		for (int i = 0; i < listeners; i++) {
			this.directory.choose(now).ifPresent((choice) -> sent.merge(choice.streamer(), 1, Integer::sum));
		}
		return sent;
	}

	@Test
	void aStreamerThatMissedItsReportsIsChosenOnlyWhenNobodyReportsOnTime() {
		ListenDirectory directory = new ListenDirectory(Duration.ofSeconds(3), Duration.ofSeconds(2));
		directory.report("a", 0, 1000, "http://a:8001", T0);
		directory.report("b", 500, 1000, "http://b:8001", T0);
		assertThat(directory.choose(T0)).get().extracting(ListenDirectory.Choice::streamer).isEqualTo("a");
		// a died just after T0 (most headroom, its count frozen); b reports on: 2 s on, a is late but not yet stale.
		directory.report("b", 500, 1000, "http://b:8001", T0.plusMillis(2001));
		assertThat(directory.isLive("a", T0.plusMillis(2001))).isTrue();
		Map<String, Integer> sent = new HashMap<>();
		for (int i = 0; i < 100; i++) {
			directory.choose(T0.plusMillis(2001)).ifPresent((choice) -> sent.merge(choice.streamer(), 1, Integer::sum));
		}
		assertThat(sent).containsOnlyKeys("b");
		// b is full: the late one is better than nothing.
		directory.report("b", 1000, 1000, "http://b:8001", T0.plusMillis(2002));
		assertThat(directory.choose(T0.plusMillis(2002))).get().extracting(ListenDirectory.Choice::streamer)
			.isEqualTo("a");
		// Within lateAfter of the newest report a streamer is on time: plain headroom decides.
		directory.report("b", 0, 1000, "http://b:8001", T0.plusMillis(2500));
		directory.report("a", 100, 1000, "http://a:8001", T0.plusMillis(3000));
		assertThat(directory.choose(T0.plusMillis(3000))).get().extracting(ListenDirectory.Choice::streamer)
			.isEqualTo("b");
	}

}
