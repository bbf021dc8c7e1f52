package io.mediafleet.scheduler.radio;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

import io.mediafleet.schema.radio.Play;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.mediafleet.scheduler.SchedulerProperties;

/**
 * Programs radios through their durable event queues: PREPARE picks the next track and sends {@code play} one lead
 * time early, START records it as on air. Runs on the radio loop's thread only.
 */
class RadioProgramme {

	private static final Log log = LogFactory.getLog(RadioProgramme.class);

	/** A radio with nothing to play tries again after this long. */
	static final Duration RETRY_WHEN_SILENT = Duration.ofSeconds(10);

	/**
	 * Events handled between two commits, and in one task of the loop: their writes go to MongoDB in one bulk, then
	 * their {@code play}s leave together; small enough that the first play of a batch is not held back long, and that
	 * messages received meanwhile wait at most one batch before the loop reads them: 30-40 us per event at 40,000
	 * listener messages/s, so about 1.5-2 ms for 48 (128 took 4-5 ms, up to 15 ms).
	 */
	static final int DUE_BATCH = 48;

	private final RadioStore store;

	private final RadioOutbox outbox;

	private final RadioMetrics metrics;

	private final Clock clock;

	private final Duration lead;

	private final Duration crossfade;

	private final Duration recentPlayWindow;

	private final SchedulerProperties.Radio settings;

	private final Random random;

	private final Consumer<Instant> wake;

	/** Planned send times of the plays of the batch being handled, measured once they have left. */
	private final List<Instant> plannedSends = new ArrayList<>();

	RadioProgramme(RadioStore store, RadioOutbox outbox, RadioMetrics metrics, Clock clock,
			SchedulerProperties.Radio settings, Random random, Consumer<Instant> wake) {
		this.store = store;
		this.outbox = outbox;
		this.metrics = metrics;
		this.clock = clock;
		this.settings = settings;
		this.lead = settings.playLeadTime();
		this.crossfade = settings.crossfade();
		this.recentPlayWindow = settings.recentPlayWindow();
		this.random = random;
		this.wake = wake;
	}

	/** Schedules a PREPARE for a track starting one lead time from now. */
	void prepareNow(String radioUuid) {
		schedule(radioUuid, RadioEvent.Kind.PREPARE, this.clock.instant(), null, null);
	}

	/** After a restart: every programmed radio with an empty queue gets a PREPARE, so no radio is lost. */
	void recover() {
		Instant now = this.clock.instant();
		for (RadioState state : this.store.states()) {
			if (this.store.pending(state.radioUuid()).isEmpty()) {
				Instant due = now;
				if (state.isPlayingAt(now) && state.songEndTime() != null) {
					Instant planned = state.songEndTime().minus(this.crossfade).minus(this.lead);
					due = planned.isAfter(now) ? planned : now;
				}
				log.info("Radio " + state.radioUuid() + " had no pending event after restart: next PREPARE at " + due);
				schedule(state.radioUuid(), RadioEvent.Kind.PREPARE, due, null, null);
			}
		}
	}

	/**
	 * Handles every event due now, each at most once, in batches (see {@link #runDueBatch()}). Returns how many
	 * due events it took.
	 */
	int runDue() {
		int taken = 0;
		int batch;
		do {
			batch = runDueBatch();
			taken += batch;
		}
		while (batch == DUE_BATCH);
		return taken;
	}

	/**
	 * Handles at most {@link #DUE_BATCH} of the events due now, each at most once, oldest first, then commits: their
	 * programming state reaches MongoDB before their {@code play}s leave, so a crash never sends a play whose event
	 * would run again after a restart. Returns how many due events it took: {@code DUE_BATCH} means more may be due,
	 * and the loop runs the next batch as a task of its own, after the messages received meanwhile.
	 */
	int runDueBatch() {
		List<RadioEvent> due = this.store.due(this.clock.instant(), DUE_BATCH);
		for (RadioEvent event : due) {
			Instant now = this.clock.instant();
			if (!this.store.claim(event, now)) {
				continue;
			}
			if (log.isDebugEnabled()) {
				log.debug("Radio " + event.radioUuid() + ": " + event.kind() + " due " + event.dueAt() + " handled");
			}
			try {
				switch (event.kind()) {
					case PREPARE -> prepare(event, now);
					case START -> start(event);
				}
			}
			catch (RuntimeException ex) {
				log.error("Radio " + event.radioUuid() + ": " + event.kind() + " failed; retrying with a new PREPARE",
						ex);
				schedule(event.radioUuid(), RadioEvent.Kind.PREPARE, now.plus(RETRY_WHEN_SILENT), null, null);
			}
		}
		this.store.commit();
		if (this.plannedSends.isEmpty()) {
			this.outbox.flush();
		}
		else {
			// Measured when the plays are out, after their commit: how late they really left.
			List<Instant> planned = List.copyOf(this.plannedSends);
			this.plannedSends.clear();
			this.outbox.flush(() -> {
				Instant sent = this.clock.instant();
				for (Instant each : planned) {
					this.metrics.schedulingLag(Duration.between(each, sent));
				}
			});
		}
		return due.size();
	}

	Optional<Instant> nextDue() {
		return this.store.nextDue();
	}

	/** The {@code play} a streamer joining now should get: the song on air at its offset and one already announced. */
	List<Play> playsForJoiningStreamer(RadioState state) {
		Instant now = this.clock.instant();
		List<Play> plays = new ArrayList<>();
		if (state.isPlayingAt(now) && state.filename() != null && state.playTime() != null) {
			double offset = Math.max(0, Duration.between(state.playTime(), now).toNanos() / 1e9);
			plays.add(new Play(state.radioUuid(), state.filename(), 0, offset, seconds(this.crossfade)));
		}
		for (RadioEvent event : this.store.pending(state.radioUuid())) {
			if (event.kind() == RadioEvent.Kind.START && event.filename() != null) {
				double delay = Math.max(0, Duration.between(now, event.dueAt()).toNanos() / 1e9);
				plays.add(new Play(state.radioUuid(), event.filename(), delay, 0, seconds(this.crossfade)));
			}
		}
		return plays;
	}

	/** Whether the radio needs a new track now: nothing on air and none announced ("broken" radio). */
	boolean isBroken(RadioState state) {
		Instant now = this.clock.instant();
		return !state.isPlayingAt(now)
				&& this.store.pending(state.radioUuid()).stream().noneMatch((e) -> e.kind() == RadioEvent.Kind.START);
	}

	private void prepare(RadioEvent event, Instant now) {
		Optional<RadioState> found = this.store.state(event.radioUuid());
		if (found.isEmpty()) {
			log.debug("Radio " + event.radioUuid() + " is no longer programmed; PREPARE dropped");
			return;
		}
		RadioState state = found.get();
		Instant plannedSend = event.dueAt();
		Instant start = now.plus(this.lead);
		Optional<Pick> pick = pick(state, start);
		if (pick.isEmpty()) {
			log.warn("Radio " + state.radioUuid() + " has nothing to play (no show on air and no usable default "
					+ "playlist); trying again in " + RETRY_WHEN_SILENT);
			schedule(state.radioUuid(), RadioEvent.Kind.PREPARE, now.plus(RETRY_WHEN_SILENT), null, null);
			return;
		}
		Song song = pick.get().song();
		this.store.saveState(pick.get().state());
		String master = pick.get().state().masterStreamer();
		if (master != null) {
			this.outbox.send(master, new Play(state.radioUuid(), song.filename(), seconds(this.lead), 0,
					seconds(this.crossfade)));
		}
		this.plannedSends.add(plannedSend);
		schedule(state.radioUuid(), RadioEvent.Kind.START, start, song, pick.get().showId());
		Instant nextPrepare = start.plus(Duration.ofNanos((long) (song.durationSeconds() * 1e9)))
			.minus(this.crossfade)
			.minus(this.lead);
		// A track shorter than the lead time: prepare the next one right after this one starts.
		schedule(state.radioUuid(), RadioEvent.Kind.PREPARE, nextPrepare.isAfter(start) ? nextPrepare : start, null,
				null);
	}

	private void start(RadioEvent event) {
		Optional<RadioState> found = this.store.state(event.radioUuid());
		if (found.isEmpty() || event.songId() == null || event.filename() == null
				|| event.durationSeconds() == null) {
			return;
		}
		Instant end = event.dueAt().plus(Duration.ofNanos((long) (event.durationSeconds() * 1e9)));
		this.store.saveState(
				found.get().withSong(event.songId(), event.filename(), event.dueAt(), end, event.showId()));
		this.store.recordPlay(event.radioUuid(), event.songId(), event.dueAt());
	}

	/** Picks the track starting at {@code start} and the radio state advanced past it. */
	Optional<Pick> pick(RadioState state, Instant start) {
		Optional<Show> show = ShowCalendar.onAir(this.store.showsOf(state.radioUuid()),
				start.atZone(this.settings.timeZone()));
		String playlistId = show.map(Show::playlistId)
			.orElseGet(() -> this.store.radio(state.radioUuid()).map(Radio::defaultPlaylistId).orElse(null));
		Optional<Pick> picked = (playlistId != null) ? pickFrom(state, playlistId, start, show.map(Show::id).orElse(null))
				: Optional.empty();
		if (picked.isEmpty() && show.isPresent()) {
			// An empty or broken show playlist falls back to the default playlist rather than silence.
			String fallback = this.store.radio(state.radioUuid()).map(Radio::defaultPlaylistId).orElse(null);
			if (fallback != null) {
				return pickFrom(state, fallback, start, null);
			}
		}
		return picked;
	}

	private Optional<Pick> pickFrom(RadioState state, String playlistId, Instant start, @Nullable String showId) {
		Optional<Playlist> playlist = this.store.playlist(playlistId);
		if (playlist.isEmpty() || playlist.get().songIds().isEmpty()) {
			return Optional.empty();
		}
		List<String> songs = playlist.get().songIds();
		Map<String, Integer> positions = new HashMap<>(state.orderedPositions());
		Map<String, List<String>> queues = new HashMap<>(state.randomQueues());
		// A deleted song is skipped; try each playlist entry at most once.
		for (int attempt = 0; attempt < songs.size(); attempt++) {
			String songId;
			if (playlist.get().random()) {
				List<String> queue = RandomQueue.refill(queues.getOrDefault(playlistId, List.of()), songs,
						this.store.lastPlayed(state.radioUuid(), songs), start, this.recentPlayWindow, this.random);
				if (queue.isEmpty()) {
					return Optional.empty();
				}
				songId = queue.get(0);
				queues.put(playlistId, List.copyOf(queue.subList(1, queue.size())));
			}
			else {
				int position = Math.floorMod(positions.getOrDefault(playlistId, 0), songs.size());
				songId = songs.get(position);
				positions.put(playlistId, (position + 1) % songs.size());
			}
			Optional<Song> song = this.store.song(songId);
			if (song.isPresent()) {
				return Optional.of(new Pick(song.get(), showId, state.withQueues(positions, queues)));
			}
		}
		return Optional.empty();
	}

	private void schedule(String radioUuid, RadioEvent.Kind kind, Instant due, @Nullable Song song,
			@Nullable String showId) {
		if (log.isDebugEnabled()) {
			log.debug("Radio " + radioUuid + ": " + kind + " scheduled at " + due);
		}
		this.store.schedule(radioUuid, kind, due, song, showId);
		this.wake.accept(due);
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

	/** A chosen track, the show it belongs to and the radio state after choosing it. */
	record Pick(Song song, @Nullable String showId, RadioState state) {
	}

}
