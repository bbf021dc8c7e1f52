package io.mediafleet.scheduler.radio;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Consumer;

import io.mediafleet.schema.radio.Play;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.mediafleet.scheduler.SchedulerProperties;

/**
 * Programs radios through their durable event queues: PREPARE picks the next track and sends {@code play} one lead
 * time early, START records it as on air. Runs on the radio loop's thread only. The state machine of the programme:
 * no I/O of its own, only its two ports ({@link RadioPersistence} for the radios' state and events, committed before
 * anything that announces them leaves through {@link RadioOutbound}), the clock passed in and plain data; the
 * invariants it keeps with them are listed in {@code docs/protocols/radio.md}.
 * <p>
 * A PREPARE due at T is handled {@code prepare-ahead} before T: it picks the track starting at T + lead, claims
 * itself and schedules the START (which records T as its announce time) and the next PREPARE, all committed in the
 * radio's one document. The {@code play} itself is an in-memory timer: at T it goes to the radio's master of that
 * moment, through the outbox, so it still leaves only after that commit, but no write is in its way at T. A PREPARE
 * handled at or after T (late, or with {@code prepare-ahead: 0}) sends its play at once, as before. A stopped radio
 * (its START cancelled) gets nothing at T. After a restart, a START whose announce time is still to come is armed
 * again; one whose announce time has passed counts as announced if its radio's {@link PlayReceipt} (written with the
 * play by one Redis script) covers it, and is sent now otherwise: never twice, never skipped. With an announce
 * horizon longer than the lead time, every track starting within the horizon is announced (see radio.md). A clean stop marks the
 * plays it did not send as withdrawn ({@link #withdrawArmedPlays()}): the next run sends such a play at its time, or
 * at once if that time has passed, then with the radio's following events moved by the time lost.
 * <p>
 * <b>Parameters to control memory consumption</b>: at most one armed play per pending START, so a few per radio.
 */
class RadioProgramme {

	private static final Log log = LogFactory.getLog(RadioProgramme.class);

	/** A radio with nothing to play tries again after this long. */
	static final Duration RETRY_WHEN_SILENT = Duration.ofSeconds(10);

	/** With an announce horizon, the shortest slot a track gets in the programme. */
	static final Duration MIN_SLOT = Duration.ofSeconds(1);

	/**
	 * Events handled between two commits, and in one task of the loop: their writes go to MongoDB in one bulk, then
	 * their {@code play}s leave together; small enough that the first play of a batch is not held back long, and that
	 * messages received meanwhile wait at most one batch before the loop reads them: 30-40 us per event at 40,000
	 * listener messages/s, so about 1.5-2 ms for 48 (128 took 4-5 ms, up to 15 ms).
	 */
	static final int DUE_BATCH = 48;

	/**
	 * Plays sent from memory in one task of the loop. Larger than {@link #DUE_BATCH}: announcing costs one encoding
	 * and no write, and a burst of plays due at the same time should leave in one pipeline, not wait for one another.
	 */
	static final int ANNOUNCE_BATCH = 4 * DUE_BATCH;

	private final RadioPersistence store;

	private final RadioOutbound outbox;

	/** Where the scheduling lag of each play goes once it has left (the metrics' timer). */
	private final Consumer<Duration> schedulingLag;

	private final Clock clock;

	private final Duration lead;

	/** Tracks starting within this much of now have had their play sent ({@code >= lead}; {@code == lead}: seed). */
	private final Duration horizon;

	private final Duration crossfade;

	private final Duration recentPlayWindow;

	private final SchedulerProperties.Radio settings;

	private final Random random;

	private final Consumer<Instant> wake;

	/** Set by {@link #withdrawArmedPlays()}: the scheduler is stopping and handles nothing more. */
	private boolean stopped;

	/** STARTs whose {@code play} is still to be sent, by announce time: in-memory timers, re-armed at recovery. */
	private final NavigableSet<RadioEvent> announcing = new TreeSet<>(
			Comparator.comparing((RadioEvent event) -> Objects.requireNonNull(event.announceAt()))
				.thenComparing(RadioEvent::dueAt)
				.thenComparing(RadioEvent::id));

	/** Planned send times of the plays of the batch being handled, measured once they have left. */
	private final List<Instant> plannedSends = new ArrayList<>();

	/** The same for the plays sent from memory whose commit is already in MongoDB (they leave on their own path). */
	private final List<Instant> plannedAnnounced = new ArrayList<>();

	/** Per armed START, the number of the commit that holds it (absent: not known, wait for every commit). */
	private final Map<String, Long> commitOfArmed = new HashMap<>();

	/** STARTs armed in the batch being handled, until its commit has a number. */
	private final List<RadioEvent> armedInBatch = new ArrayList<>();

	RadioProgramme(RadioPersistence store, RadioOutbound outbox, Consumer<Duration> schedulingLag, Clock clock,
			SchedulerProperties.Radio settings, Random random, Consumer<Instant> wake) {
		this.store = store;
		this.outbox = outbox;
		this.schedulingLag = schedulingLag;
		this.clock = clock;
		this.settings = settings;
		this.lead = settings.playLeadTime();
		this.horizon = settings.effectiveAnnounceHorizon();
		this.crossfade = settings.crossfade();
		this.recentPlayWindow = settings.recentPlayWindow();
		this.random = random;
		this.wake = wake;
		store.handlePreparesAhead(settings.prepareAhead());
	}

	/** Schedules a PREPARE for a track starting one lead time from now. */
	void prepareNow(String radioUuid) {
		schedule(radioUuid, RadioEvent.Kind.PREPARE, prepareDueFor(this.clock.instant().plus(this.lead)), null, null);
	}

	/**
	 * When the PREPARE of a track planned to start at {@code start} is due: one horizon before (one lead time without
	 * a horizon), but never so early that it would start before one lead time from now.
	 */
	private Instant prepareDueFor(Instant start) {
		Instant now = this.clock.instant();
		Instant earliest = now.plus(this.lead).minus(this.horizon);
		Instant due = start.minus(this.horizon);
		return due.isAfter(earliest) ? due : earliest;
	}

	/** After a restart: every programmed radio with an empty queue gets a PREPARE, so no radio is lost. */
	void recover() {
		Instant now = this.clock.instant();
		for (RadioState state : this.store.states()) {
			if (this.store.pending(state.radioUuid()).isEmpty()) {
				Instant due = prepareDueFor(now.plus(this.lead));
				if (state.isPlayingAt(now) && state.songEndTime() != null) {
					due = prepareDueFor(state.songEndTime().minus(this.crossfade));
				}
				log.info("Radio " + state.radioUuid() + " had no pending event after restart: next PREPARE at " + due);
				schedule(state.radioUuid(), RadioEvent.Kind.PREPARE, due, null, null);
			}
		}
		// A play committed but not yet due when the previous run stopped is still to be sent. One whose time has
		// passed left if its receipt says so (never twice); otherwise it surely did not (the play and its receipt
		// reach Redis in one script), and it is treated as withdrawn: sent now, its radio moved on by the time lost
		// (never a skipped track).
		// A radio with no master is the exception: no play was sent for it and nobody waits for one, so its plays
		// count as announced and keep their times (a streamer that joins later is sent them with the delays left):
		// its tracks go on back to back instead of being moved by the time lost.
		Map<String, PlayReceipt> receipts = this.outbox.playReceipts();
		int unsent = 0;
		for (RadioState state : this.store.states()) {
			PlayReceipt receipt = receipts.get(state.radioUuid());
			boolean mastered = state.masterStreamer() != null;
			for (RadioEvent event : this.store.pending(state.radioUuid())) {
				if (event.kind() != RadioEvent.Kind.START || event.announceAt() == null
						|| event.announceAt().isAfter(now)) {
					continue;
				}
				if (!mastered) {
					if (event.withdrawn()) {
						this.store.replacePending(event, event.movedBy(Duration.ZERO));
					}
				}
				else if (!event.withdrawn() && (receipt == null || !receipt.covers(event))) {
					this.store.replacePending(event, event.asWithdrawn());
					unsent++;
				}
			}
		}
		if (unsent > 0) {
			log.info(unsent + " play(s) due before the restart had not left (no receipt): sent now instead");
		}
		int armed = 0;
		int late = 0;
		for (RadioState state : this.store.states()) {
			if (retimeWithdrawn(state.radioUuid(), now, receipts.get(state.radioUuid()))) {
				late++;
			}
			for (RadioEvent event : this.store.pending(state.radioUuid())) {
				if (event.kind() == RadioEvent.Kind.START && event.announceAt() != null
						&& event.announceAt().isAfter(now)) {
					if (event.withdrawn()) {
						// Armed again: once sent it must count as sent after a crash, like any other.
						RadioEvent armedAgain = event.movedBy(Duration.ZERO);
						this.store.replacePending(event, armedAgain);
						event = armedAgain;
					}
					arm(event);
					armed++;
				}
			}
		}
		if (armed > 0 || late > 0) {
			log.info(armed + " play(s) committed before the restart are sent at their planned time" + ((late > 0)
					? "; " + late + " radio(s) whose play was withdrawn at a clean stop resume now, their events moved"
					: ""));
		}
	}

	/**
	 * A radio whose play surely never left (a clean stop withdrew it, or a crash came before it and its receipt) and
	 * whose announce time has passed: it goes out now, and the radio's events from it on move by the time lost, just
	 * enough for it to get at least one lead time ({@code 0} when it starts far enough ahead, with an announce
	 * horizon). Every moved START whose announce time has passed is announced now.
	 */
	private boolean retimeWithdrawn(String radioUuid, Instant now, @Nullable PlayReceipt receipt) {
		List<RadioEvent> pending = this.store.pending(radioUuid);
		RadioEvent first = null;
		for (RadioEvent event : pending) {
			if (event.withdrawn() && event.announceAt() != null && !event.announceAt().isAfter(now)
					&& (first == null || event.dueAt().isBefore(first.dueAt()))) {
				first = event;
			}
		}
		if (first == null) {
			return false;
		}
		Duration shift = Duration.between(first.dueAt(), now.plus(this.lead));
		if (shift.isNegative()) {
			shift = Duration.ZERO;
		}
		for (RadioEvent event : pending) {
			// A START whose play left (the streamer has it) keeps its time; everything after it moves.
			boolean sent = event.kind() == RadioEvent.Kind.START && !event.withdrawn() && receipt != null
					&& receipt.covers(event);
			if (!sent) {
				RadioEvent moved = event.movedBy(shift);
				if (moved.kind() == RadioEvent.Kind.START && moved.announceAt() != null
						&& moved.announceAt().isBefore(now)) {
					moved = moved.announcedAt(now);
				}
				this.store.replacePending(event, moved);
				if (moved.kind() == RadioEvent.Kind.START && moved.announceAt() != null
						&& !moved.announceAt().isBefore(now)) {
					arm(moved);
				}
			}
		}
		log.info("Radio " + radioUuid + ": the play that never left (withdrawn at a clean stop, or cut off by a "
				+ "crash) goes out now; its events move by " + shift);
		return true;
	}

	/**
	 * The scheduler stops cleanly: every play committed but not sent yet is marked as withdrawn in its radio's
	 * document (written at the next commit), so the next run knows it never left, and nothing more is handled.
	 */
	void withdrawArmedPlays() {
		this.stopped = true;
		int withdrawn = 0;
		for (RadioEvent start : this.announcing) {
			if (this.store.isPending(start)) {
				this.store.replacePending(start, start.asWithdrawn());
				withdrawn++;
			}
		}
		this.announcing.clear();
		this.commitOfArmed.clear();
		if (withdrawn > 0) {
			log.info(withdrawn + " play(s) committed but not yet due withdrawn at stop; the next run sends them");
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
		if (this.stopped) {
			return 0;
		}
		int announced = announceDue(this.clock.instant());
		List<RadioEvent> due = this.store.due(this.clock.instant(), DUE_BATCH);
		for (RadioEvent event : due) {
			Instant now = this.clock.instant();
			if (!this.store.claim(event, now)) {
				continue;
			}
			if (event.kind() == RadioEvent.Kind.START && event.announceAt() != null && this.announcing.remove(event)) {
				// Its play is overdue (more plays due than one task sends): it still goes out before the track starts.
				this.commitOfArmed.remove(event.id());
				announce(event, event.announceAt(), false);
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
				schedule(event.radioUuid(), RadioEvent.Kind.PREPARE,
						prepareDueFor(now.plus(RETRY_WHEN_SILENT).plus(this.lead)), null, null);
			}
		}
		long commit = this.store.commit();
		for (RadioEvent armed : this.armedInBatch) {
			this.commitOfArmed.put(armed.id(), commit);
		}
		this.armedInBatch.clear();
		// Measured when the plays are out, after their commit: how late they really left.
		this.outbox.flush(measureWhenSent(this.plannedSends), measureWhenSent(this.plannedAnnounced));
		return (announced == ANNOUNCE_BATCH) ? DUE_BATCH : due.size();
	}

	private @Nullable Runnable measureWhenSent(List<Instant> plannedTimes) {
		if (plannedTimes.isEmpty()) {
			return null;
		}
		List<Instant> planned = List.copyOf(plannedTimes);
		plannedTimes.clear();
		return () -> {
			Instant sent = this.clock.instant();
			for (Instant each : planned) {
				this.schedulingLag.accept(Duration.between(each, sent));
			}
		};
	}

	/** When the loop has something to do next: an event to handle or a play to send. */
	Optional<Instant> nextDue() {
		Optional<Instant> event = this.store.nextDue();
		if (this.announcing.isEmpty()) {
			return event;
		}
		Instant play = Objects.requireNonNull(this.announcing.first().announceAt());
		return Optional.of(event.filter((at) -> at.isBefore(play)).orElse(play));
	}

	/** Sends the plays whose announce time has come (at most {@link #ANNOUNCE_BATCH}); returns how many it took. */
	private int announceDue(Instant now) {
		int taken = 0;
		while (taken < ANNOUNCE_BATCH && !this.announcing.isEmpty()
				&& !Objects.requireNonNull(this.announcing.first().announceAt()).isAfter(now)) {
			RadioEvent start = this.announcing.pollFirst();
			taken++;
			Long commit = this.commitOfArmed.remove(start.id());
			// Not pending any more: its radio was stopped (or restarted by play_radio) since the commit.
			if (this.store.isPending(start)) {
				announce(start, Objects.requireNonNull(start.announceAt()),
						commit != null && this.store.isWritten(commit));
			}
		}
		return taken;
	}

	/**
	 * Queues the {@code play} of {@code start} to the radio's master of now, measured against {@code planned}. When
	 * its commit is known to be in MongoDB ({@code written}) it need not wait for the commits queued since.
	 */
	private void announce(RadioEvent start, Instant planned, boolean written) {
		Optional<RadioState> state = this.store.state(start.radioUuid());
		if (state.isEmpty() || start.filename() == null) {
			return;
		}
		String master = state.get().masterStreamer();
		// The delay planned at announce time: one lead time, or more for a track announced within the horizon. Within
		// a horizon, counted from now instead: a play that leaves late (the loop held up by MongoDB) must still start
		// its track where the previous one ends, as the tracks announced before it keep their times, not leave a gap
		// as long as the time lost (the outbox counts it again when the play really leaves: RadioOutbox#retimed).
		// Without one, the seed's rule: the full lead time, whenever the play leaves.
		Duration delay = (start.announceAt() == null) ? this.lead
				: (this.horizon.compareTo(this.lead) > 0) ? Duration.between(this.clock.instant(), start.dueAt())
						: Duration.between(start.announceAt(), start.dueAt());
		Play play = new Play(start.radioUuid(), start.filename(), seconds(delay.isNegative() ? Duration.ZERO : delay),
				0, seconds(this.crossfade));
		if (master != null) {
			// With its receipt: after a crash, the next run knows whether it left.
			this.outbox.sendPlay(master, play, start, written);
		}
		if (written) {
			this.plannedAnnounced.add(planned);
		}
		else {
			this.plannedSends.add(planned);
		}
	}

	private void arm(RadioEvent start) {
		Instant at = Objects.requireNonNull(start.announceAt());
		this.announcing.add(start);
		this.wake.accept(at);
	}

	/** Plays committed whose time has not come yet (for tests and inspection). */
	int armedPlays() {
		return this.announcing.size();
	}

	/**
	 * Sends a streamer joining now the song on air at its offset and every track already announced, with the delay
	 * left. An announced track goes with its receipt, like any programme play: after a crash the next run then knows
	 * it left and neither sends it again nor moves it (without the receipt it would count as never sent, be sent again
	 * at a moved time, and the streamer would hold it twice). The messages on the wire are the same.
	 */
	void sendToJoiningStreamer(String streamer, RadioState state) {
		Instant now = this.clock.instant();
		if (state.isPlayingAt(now) && state.filename() != null && state.playTime() != null) {
			double offset = Math.max(0, Duration.between(state.playTime(), now).toNanos() / 1e9);
			this.outbox.send(streamer,
					new Play(state.radioUuid(), state.filename(), 0, offset, seconds(this.crossfade)));
		}
		for (RadioEvent event : this.store.pending(state.radioUuid())) {
			// A play whose time has not come yet goes to the master at that time, not now as well.
			if (event.kind() == RadioEvent.Kind.START && event.filename() != null && !isArmed(event)) {
				double delay = Math.max(0, Duration.between(now, event.dueAt()).toNanos() / 1e9);
				Play play = new Play(state.radioUuid(), event.filename(), delay, 0, seconds(this.crossfade));
				if (event.announceAt() != null) {
					this.outbox.sendPlay(streamer, play, event, false);
				}
				else {
					this.outbox.send(streamer, play);
				}
			}
		}
	}

	private boolean isArmed(RadioEvent start) {
		return start.announceAt() != null && this.announcing.contains(start);
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
		// Handled ahead: the play leaves at its planned time, the track starts one lead time later. Handled late:
		// the play leaves now, as it always did.
		Instant send = plannedSend.isAfter(now) ? plannedSend : now;
		// The track planned to start one horizon after the PREPARE's due time, but with at least one lead time.
		Instant start = later(plannedSend.plus(this.horizon), send.plus(this.lead));
		Optional<Pick> pick = pick(state, start);
		if (pick.isEmpty()) {
			log.warn("Radio " + state.radioUuid() + " has nothing to play (no show on air and no usable default "
					+ "playlist); trying again in " + RETRY_WHEN_SILENT);
			schedule(state.radioUuid(), RadioEvent.Kind.PREPARE,
					prepareDueFor(now.plus(RETRY_WHEN_SILENT).plus(this.lead)), null, null);
			return;
		}
		Song song = pick.get().song();
		this.store.saveState(pick.get().state());
		RadioEvent startEvent = schedule(state.radioUuid(), RadioEvent.Kind.START, start, song, pick.get().showId(),
				send);
		if (send.isAfter(now)) {
			arm(startEvent);
			this.armedInBatch.add(startEvent);
		}
		else {
			announce(startEvent, plannedSend, false);
		}
		Duration length = Duration.ofNanos((long) (song.durationSeconds() * 1e9));
		if (this.horizon.compareTo(this.lead) > 0) {
			// Within the horizon the next track's PREPARE may already be due (short tracks): the chain fills the
			// horizon at once, each track starting where the previous one ends (a track shorter than the
			// cross-fade, or than MIN_SLOT, gets a slot of MIN_SLOT, so the chain always moves on).
			Duration step = length.minus(this.crossfade);
			if (step.compareTo(MIN_SLOT) < 0) {
				step = MIN_SLOT;
			}
			schedule(state.radioUuid(), RadioEvent.Kind.PREPARE, start.plus(step).minus(this.horizon), null, null);
			return;
		}
		Instant nextPrepare = start.plus(length).minus(this.crossfade).minus(this.lead);
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
		schedule(radioUuid, kind, due, song, showId, null);
	}

	private RadioEvent schedule(String radioUuid, RadioEvent.Kind kind, Instant due, @Nullable Song song,
			@Nullable String showId, @Nullable Instant announceAt) {
		if (log.isDebugEnabled()) {
			log.debug("Radio " + radioUuid + ": " + kind + " scheduled at " + due);
		}
		RadioEvent event = this.store.schedule(radioUuid, kind, due, song, showId, announceAt);
		this.wake.accept(this.store.handleAt(event));
		return event;
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

	/** A chosen track, the show it belongs to and the radio state after choosing it. */
	record Pick(Song song, @Nullable String showId, RadioState state) {
	}

}
