package io.mediafleet.scheduler.radio;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The persistence port of the radio state machine ({@link RadioProgramme}, {@link RadioHandler},
 * {@link StreamerLiveness}, {@link ListenerSessions}, {@link StreamerRegistry}): each radio's programming state with
 * its pending and handled events, read and changed in memory and made durable at {@link #commit()}; the catalogue and
 * users it reads; and the bookkeeping (listener sessions, registered streamers, song plays), written behind and never
 * waited for. The adapter is {@link RadioStore} (MongoDB, one document per radio, written by
 * {@link RadioWriteBehind}).
 * <p>
 * Invariants an adapter keeps:
 * <ul>
 * <li>every change made before {@link #commit()} is durable before any message queued on the
 * {@link RadioOutbound} after it leaves, and a commit holds every earlier change ({@link #isWritten(long)} is
 * monotonic);</li>
 * <li>a pending event is handed out by {@link #due} until {@link #claim claimed}, and claimed once: a crash after a
 * commit never runs a committed claim again; one before it runs the event again, never a play it sent (see
 * above);</li>
 * <li>after a restart, the programming read back is the last commit's, exactly;</li>
 * <li>bookkeeping is written in the order it was given, never holds back a commit or a message, and costs the loop no
 * round trip; a clean stop writes all of it (within its time limit), a crash may lose the last few writes (see
 * {@link #sessionClosed}).</li>
 * </ul>
 * Loop thread only (except {@link #catalogueChanged()}).
 */
interface RadioPersistence {

	// Programming state of each radio.

	Optional<RadioState> state(String radioUuid);

	/** Every programmed radio. */
	List<RadioState> states();

	List<RadioState> statesMasteredBy(String streamer);

	long countMastered();

	void saveState(RadioState state);

	/** The radio is no longer programmed: its state goes, pending events included. */
	void deleteState(String radioUuid);

	// Pending events.

	/**
	 * Makes {@link #due} and {@link #nextDue} hand out each PREPARE {@code ahead} before its due time (STARTs at
	 * their due time). Set once, by the programme.
	 */
	void handlePreparesAhead(Duration ahead);

	/** When {@code event} is handed out by {@link #due}. */
	Instant handleAt(RadioEvent event);

	/** Schedules an event; a START with {@code announceAt} has its {@code play} sent then (see {@link RadioEvent}). */
	RadioEvent schedule(String radioUuid, RadioEvent.Kind kind, Instant dueAt, @Nullable Song song,
			@Nullable String showId, @Nullable Instant announceAt);

	/** Events to handle at or before {@code now}, oldest first, at most {@code limit}. */
	List<RadioEvent> due(Instant now, int limit);

	Optional<Instant> nextDue();

	/** Marks a pending event handled at {@code now}: only the caller that gets {@code true} may handle it. */
	boolean claim(RadioEvent event, Instant now);

	/** Replaces a pending event by a changed copy (same id). */
	void replacePending(RadioEvent event, RadioEvent changed);

	/** Whether {@code event} is still pending: neither handled nor cancelled. */
	boolean isPending(RadioEvent event);

	/** The radio's pending events, by due time. */
	List<RadioEvent> pending(String radioUuid);

	void cancelPending(String radioUuid);

	// Durability.

	/** Makes every change so far durable (before anything queued afterwards leaves); returns the commit's number. */
	long commit();

	/** Whether the commit {@link #commit()} numbered {@code commit} is durable. */
	boolean isWritten(long commit);

	// Catalogue, song plays and users (read; song plays recorded as bookkeeping).

	/** The catalogue changed elsewhere: the next reads see it. Any thread. */
	void catalogueChanged();

	Optional<Radio> radio(String uuid);

	Optional<Playlist> playlist(String id);

	Optional<Song> song(String id);

	List<Show> showsOf(String radioUuid);

	/** When each of the songs last started on the radio (absent: never). */
	Map<String, Instant> lastPlayed(String radioUuid, List<String> songIds);

	/** Records that a song started (bookkeeping: a crash may lose the last few). */
	void recordPlay(String radioUuid, String songId, Instant at);

	Optional<User> userByTokenHash(String sha256);

	Optional<User> userByUsername(String username);

	// Bookkeeping: listener sessions and registered streamers, held in memory by ListenerSessions and
	// StreamerRegistry (the loop reads those, never these), written behind.

	/** The sessions a previous run left open (read at start). */
	List<ListenerSession> openSessions();

	/** Records a new open session; an id used before keeps its first record (ids are unique for all time). */
	void sessionOpened(ListenerSession session);

	/**
	 * Records a session's close (its end time and duration). Bookkeeping: a crash may lose the last few closes, which
	 * then stay open in MongoDB (a known gap, see radio.md).
	 */
	void sessionClosed(ListenerSession closed);

	/** The streamers a previous run left registered (read at start). */
	List<Streamer> streamers();

	/** Registers a streamer, replacing an earlier registration of its name. */
	void streamerSaved(Streamer streamer);

	/** Updates a registered streamer's ping status; never brings back one deleted meanwhile. */
	void streamerStatus(Streamer streamer);

	void streamerDeleted(String name);

}
