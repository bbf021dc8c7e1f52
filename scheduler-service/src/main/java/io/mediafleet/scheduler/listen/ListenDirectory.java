package io.mediafleet.scheduler.listen;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Which streamers a new listener may be sent to, from their load reports: a state machine without I/O (reports and
 * choices in, the time passed in), safe to call from the radio loop (reports, removals) and request threads
 * (choices) at once.
 * <p>
 * A streamer is a candidate while its last report is at most {@code staleAfter} older than the newest report of any
 * streamer, and at most {@code 5 × staleAfter} old, and it has headroom. Staleness is measured against the newest
 * report so that a scheduler whose loop is behind (every report handled late) does not drop every streamer at once,
 * while a streamer that went silent among others that still report is dropped {@code staleAfter} after its last
 * report; the absolute bound drops everybody when every report stopped. A candidate whose last report is more than
 * {@code lateAfter} (less than {@code staleAfter}, more than the report interval) older than the newest is late: it
 * is chosen only when no candidate reports on time. A killed streamer is late a report interval or two after it
 * died, so the players it served, reconnecting through the URL at once, are not sent back to it for the whole
 * {@code staleAfter}. Headroom is its
 * listener limit minus the listeners it reported minus the listeners sent to it since that report (so a burst of
 * listeners arriving between two reports is spread instead of all going to the streamer that looked emptiest). The
 * candidate with the most headroom wins; ties go to the streamer name that sorts first. A streamer at its limit is
 * never chosen.
 * <p>
 * <b>Parameters to control memory consumption</b>: one entry per streamer that reported; entries leave with
 * {@link #remove} (the streamer unregistered or was declared dead) and are pruned once {@code 10 × staleAfter} old.
 */
public final class ListenDirectory {

	private final Duration staleAfter;

	private final Duration lateAfter;

	private final TreeMap<String, Entry> entries = new TreeMap<>();

	private @Nullable Instant newestReport;

	/**
	 * @param staleAfter how old a streamer's last report may be for it to be chosen
	 */
	public ListenDirectory(Duration staleAfter) {
		this(staleAfter, staleAfter);
	}

	/**
	 * @param staleAfter how old a streamer's last report may be for it to be chosen
	 * @param lateAfter how much older than the newest report a streamer's last report may be for it to be preferred
	 * (capped at {@code staleAfter})
	 */
	public ListenDirectory(Duration staleAfter, Duration lateAfter) {
		this.staleAfter = staleAfter;
		this.lateAfter = (lateAfter.compareTo(staleAfter) < 0) ? lateAfter : staleAfter;
	}

	/** A streamer's load report (loop thread). */
	public synchronized void report(String streamer, int listeners, int listenerLimit, String listenUrl, Instant now) {
		this.entries.put(streamer, new Entry(streamer, stripSlash(listenUrl), listeners, listenerLimit, now, 0));
		if (this.newestReport == null || now.isAfter(this.newestReport)) {
			this.newestReport = now;
		}
		prune(now);
	}

	/** The streamer left or was declared dead: never chosen again until it reports anew. */
	public synchronized void remove(String streamer) {
		this.entries.remove(streamer);
	}

	/**
	 * Chooses the streamer a new listener goes to, counting the listener against it until its next report; empty
	 * when no streamer is live with room to spare.
	 */
	public synchronized Optional<Choice> choose(Instant now) {
		Entry best = null;
		boolean bestLate = true;
		for (Entry entry : this.entries.values()) {
			if (!isFresh(entry, now) || entry.headroom() <= 0) {
				continue;
			}
			boolean late = isLate(entry);
			if (best == null || (bestLate && !late)
					|| (late == bestLate && entry.headroom() > best.headroom())) {
				best = entry;
				bestLate = late;
			}
		}
		if (best == null) {
			return Optional.empty();
		}
		this.entries.put(best.streamer(), best.sentOneMore());
		return Optional.of(new Choice(best.streamer(), best.listenUrl()));
	}

	/** The listen URL a streamer last reported, fresh or not; {@code null} when it never reported. */
	public synchronized @Nullable String listenUrl(String streamer) {
		Entry entry = this.entries.get(streamer);
		return (entry != null) ? entry.listenUrl() : null;
	}

	/** Whether the streamer's last report is fresh. */
	public synchronized boolean isLive(String streamer, Instant now) {
		Entry entry = this.entries.get(streamer);
		return entry != null && isFresh(entry, now);
	}

	/**
	 * Whether the streamer's reports stopped while other streamers' go on: its last report is more than
	 * {@code staleAfter} older than the newest report of any streamer. Relative only, so a scheduler that hears no
	 * report at all (its own Redis link is down, or its loop is behind) never finds a streamer silent; {@code false}
	 * for a streamer that never reported (reports off) or whose entry was pruned.
	 */
	public synchronized boolean isSilentAmongOthers(String streamer) {
		Entry entry = this.entries.get(streamer);
		return entry != null && this.newestReport != null
				&& entry.reportedAt().plus(this.staleAfter).isBefore(this.newestReport);
	}

	/** Every streamer that reported, freshest state, sorted by name (for status pages and tests). */
	public synchronized List<StreamerLoad> streamers(Instant now) {
		List<StreamerLoad> loads = new ArrayList<>();
		for (Entry entry : this.entries.values()) {
			loads.add(new StreamerLoad(entry.streamer(), entry.listenUrl(), entry.listeners(), entry.listenerLimit(),
					entry.sentSinceReport(), entry.reportedAt(), isFresh(entry, now)));
		}
		loads.sort(Comparator.comparing(StreamerLoad::streamer));
		return loads;
	}

	private boolean isFresh(Entry entry, Instant now) {
		Instant newest = (this.newestReport != null) ? this.newestReport : entry.reportedAt();
		return !entry.reportedAt().plus(this.staleAfter).isBefore(newest)
				&& !entry.reportedAt().plus(this.staleAfter.multipliedBy(5)).isBefore(now);
	}

	private boolean isLate(Entry entry) {
		return this.newestReport != null && entry.reportedAt().plus(this.lateAfter).isBefore(this.newestReport);
	}

	private void prune(Instant now) {
		Instant horizon = now.minus(this.staleAfter.multipliedBy(10));
		this.entries.values().removeIf((entry) -> entry.reportedAt().isBefore(horizon));
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	/**
	 * Where a new listener goes.
	 *
	 * @param streamer the chosen streamer's id
	 * @param listenUrl its reported base URL, without trailing slash
	 */
	public record Choice(String streamer, String listenUrl) {
	}

	/**
	 * A streamer's load as the directory sees it.
	 *
	 * @param streamer its id
	 * @param listenUrl its reported base URL
	 * @param listeners listeners in its last report
	 * @param listenerLimit its listener limit
	 * @param sentSinceReport listeners sent to it since that report
	 * @param reportedAt when the report was handled
	 * @param live whether that report is fresh
	 */
	public record StreamerLoad(String streamer, String listenUrl, int listeners, int listenerLimit,
			int sentSinceReport, Instant reportedAt, boolean live) {
	}

	private record Entry(String streamer, String listenUrl, int listeners, int listenerLimit, Instant reportedAt,
			int sentSinceReport) {

		long headroom() {
			return (long) this.listenerLimit - this.listeners - this.sentSinceReport;
		}

		Entry sentOneMore() {
			return new Entry(this.streamer, this.listenUrl, this.listeners, this.listenerLimit, this.reportedAt,
					this.sentSinceReport + 1);
		}

	}

}
