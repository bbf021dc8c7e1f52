package io.mediafleet.scheduler.radio;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The radio scheduler's MongoDB bookkeeping for the loop. Programming state (radio states, the event queue, song
 * plays) is held in memory, where the loop reads it; its changes are handed over at each {@link #commit()} and
 * reach MongoDB in bulk before any message the loop sends afterwards leaves. MongoDB is the durable copy read back
 * at start.
 * The catalogue (radios, playlists, songs, shows) is read through a cache that the admin API invalidates and that
 * expires after {@code catalogueTtl} for changes made straight in MongoDB.
 * <p>
 * One loop owns a database's radio bookkeeping: a second scheduler on the same database would not see this one's
 * in-memory state.
 */
final class RadioStore {

	/** Default time a catalogue entry is trusted without re-reading MongoDB. */
	static final Duration DEFAULT_CATALOGUE_TTL = Duration.ofSeconds(60);

	private static final Comparator<RadioEvent> BY_DUE = Comparator.comparing(RadioEvent::dueAt)
		.thenComparing(RadioEvent::id);

	private final MongoTemplate mongo;

	private final long catalogueTtlNanos;

	// Programming state, in memory; complete once loaded, else read through from MongoDB.

	private final Map<String, RadioState> states = new HashMap<>();

	private boolean statesLoaded;

	private final NavigableSet<RadioEvent> pending = new TreeSet<>(BY_DUE);

	private final Map<String, List<RadioEvent>> pendingByRadio = new HashMap<>();

	/** Events handled by this run, oldest first, until purged by id (a scan of the queue is too slow here). */
	private final ArrayDeque<RadioEvent> handled = new ArrayDeque<>();

	// Writes waiting for the next commit, and where commits go (null: written at once, on the caller's thread).

	private ProgrammingWrites writes = new ProgrammingWrites();

	private final @Nullable RadioWriteBehind writer;

	/** Last play per radio and song since start, newer than what MongoDB may have while commits are queued. */
	private final Map<String, Instant> recentPlays = new HashMap<>();

	// Catalogue cache.

	private final AtomicLong catalogueGeneration = new AtomicLong();

	private long cachedGeneration = -1;

	private final Map<String, Cached<Radio>> radios = new HashMap<>();

	private final Map<String, Cached<Playlist>> playlists = new HashMap<>();

	private final Map<String, Cached<Song>> songs = new HashMap<>();

	private @Nullable Cached<Map<String, List<Show>>> shows;

	RadioStore(MongoTemplate mongo) {
		this(mongo, DEFAULT_CATALOGUE_TTL, null);
	}

	RadioStore(MongoTemplate mongo, Duration catalogueTtl, @Nullable RadioWriteBehind writer) {
		this.mongo = mongo;
		this.catalogueTtlNanos = catalogueTtl.toNanos();
		this.writer = writer;
	}

	/** Creates the indexes the protocol implies; ids are unique through {@code _id}. */
	void createIndexes() {
		this.mongo.indexOps(Song.class).createIndex(new Index("filename", Sort.Direction.ASC).unique());
		this.mongo.indexOps(User.class).createIndex(new Index("username", Sort.Direction.ASC).unique());
		this.mongo.indexOps(UserToken.class).createIndex(new Index("userId", Sort.Direction.ASC));
		this.mongo.indexOps(Show.class).createIndex(new Index("radioUuid", Sort.Direction.ASC));
		this.mongo.indexOps(ListenerSession.class)
			.createIndex(new Index("radioUuid", Sort.Direction.ASC).on("open", Sort.Direction.ASC));
		this.mongo.indexOps(ListenerSession.class).createIndex(new Index("streamer", Sort.Direction.ASC));
		this.mongo.indexOps(RadioEvent.class)
			.createIndex(new Index("done", Sort.Direction.ASC).on("dueAt", Sort.Direction.ASC));
		this.mongo.indexOps(RadioEvent.class)
			.createIndex(new Index("radioUuid", Sort.Direction.ASC).on("done", Sort.Direction.ASC));
		this.mongo.indexOps(SongPlay.class).createIndex(new Index("radioUuid", Sort.Direction.ASC));
		this.mongo.indexOps(RadioState.class).createIndex(new Index("masterStreamer", Sort.Direction.ASC));
	}

	/** Reads the programming state a previous run left: radio states and pending events (loop thread, at start). */
	void load() {
		this.states.clear();
		for (RadioState state : this.mongo.findAll(RadioState.class)) {
			this.states.put(state.radioUuid(), state);
		}
		this.statesLoaded = true;
		this.pending.clear();
		this.pendingByRadio.clear();
		for (RadioEvent event : this.mongo.find(query(where("done").is(false)), RadioEvent.class)) {
			index(event);
		}
	}

	// Streamers (their writes go behind the loop, see RadioWriteBehind)

	List<Streamer> streamers() {
		return this.mongo.findAll(Streamer.class);
	}

	// Radios and their state

	Optional<RadioState> state(String radioUuid) {
		RadioState state = this.states.get(radioUuid);
		if (state != null || this.statesLoaded) {
			return Optional.ofNullable(state);
		}
		Optional<RadioState> buffered = this.writes.state(radioUuid);
		if (buffered != null) {
			// Deleted but not committed yet.
			return buffered;
		}
		state = this.mongo.findById(radioUuid, RadioState.class);
		if (state != null) {
			this.states.put(radioUuid, state);
		}
		return Optional.ofNullable(state);
	}

	void saveState(RadioState state) {
		this.states.put(state.radioUuid(), state);
		this.writes.state(state.radioUuid(), Optional.of(state));
	}

	void deleteState(String radioUuid) {
		this.states.remove(radioUuid);
		this.writes.state(radioUuid, Optional.empty());
	}

	/** Every programmed radio (loaded state). */
	List<RadioState> states() {
		return new ArrayList<>(this.states.values());
	}

	List<RadioState> statesMasteredBy(String streamer) {
		List<RadioState> mastered = new ArrayList<>();
		for (RadioState state : this.states.values()) {
			if (streamer.equals(state.masterStreamer())) {
				mastered.add(state);
			}
		}
		return mastered;
	}

	long countMastered() {
		return this.states.values().stream().filter((state) -> state.masterStreamer() != null).count();
	}

	// Catalogue

	/** The admin API changed the catalogue: the next reads go to MongoDB. Any thread. */
	void catalogueChanged() {
		this.catalogueGeneration.incrementAndGet();
	}

	Optional<Radio> radio(String uuid) {
		return cached(this.radios, uuid, () -> this.mongo.findById(uuid, Radio.class));
	}

	Optional<Playlist> playlist(String id) {
		return cached(this.playlists, id, () -> this.mongo.findById(id, Playlist.class));
	}

	Optional<Song> song(String id) {
		return cached(this.songs, id, () -> this.mongo.findById(id, Song.class));
	}

	List<Show> showsOf(String radioUuid) {
		checkGeneration();
		long now = System.nanoTime();
		Cached<Map<String, List<Show>>> all = this.shows;
		if (all == null || all.isStale(now)) {
			// One read of every show instead of one query per radio and PREPARE.
			Map<String, List<Show>> byRadio = new HashMap<>();
			for (Show show : this.mongo.findAll(Show.class)) {
				byRadio.computeIfAbsent(show.radioUuid(), (r) -> new ArrayList<>()).add(show);
			}
			all = new Cached<>(byRadio, now + this.catalogueTtlNanos);
			this.shows = all;
		}
		return all.value().getOrDefault(radioUuid, List.of());
	}

	private <T> Optional<T> cached(Map<String, Cached<T>> cache, String id, Supplier<@Nullable T> read) {
		checkGeneration();
		long now = System.nanoTime();
		Cached<T> entry = cache.get(id);
		if (entry != null && !entry.isStale(now)) {
			return Optional.of(entry.value());
		}
		T value = read.get();
		if (value == null) {
			// Not cached: something created a moment later must be found.
			cache.remove(id);
			return Optional.empty();
		}
		cache.put(id, new Cached<>(value, now + this.catalogueTtlNanos));
		return Optional.of(value);
	}

	private void checkGeneration() {
		long generation = this.catalogueGeneration.get();
		if (generation != this.cachedGeneration) {
			this.radios.clear();
			this.playlists.clear();
			this.songs.clear();
			this.shows = null;
			this.cachedGeneration = generation;
		}
	}

	Map<String, Instant> lastPlayed(String radioUuid, List<String> songIds) {
		Map<String, Instant> result = new HashMap<>();
		for (SongPlay play : this.mongo
			.find(query(where("radioUuid").is(radioUuid).and("songId").in(songIds)), SongPlay.class)) {
			result.put(play.songId(), play.lastPlayedAt());
		}
		// Plays whose commit may still be queued are newer than what MongoDB has.
		for (String songId : songIds) {
			Instant recent = this.recentPlays.get(SongPlay.idOf(radioUuid, songId));
			if (recent != null) {
				result.merge(songId, recent, (a, b) -> a.isAfter(b) ? a : b);
			}
		}
		return result;
	}

	void recordPlay(String radioUuid, String songId, Instant at) {
		SongPlay play = new SongPlay(SongPlay.idOf(radioUuid, songId), radioUuid, songId, at);
		this.writes.play(play);
		this.recentPlays.put(play.id(), at);
	}

	// Users

	Optional<User> userByTokenHash(String sha256) {
		UserToken token = this.mongo.findById(sha256, UserToken.class);
		return (token != null) ? Optional.ofNullable(this.mongo.findById(token.userId(), User.class))
				: Optional.empty();
	}

	Optional<User> userByUsername(String username) {
		return Optional.ofNullable(this.mongo.findOne(query(where("username").is(username)), User.class));
	}

	// Events

	RadioEvent schedule(String radioUuid, RadioEvent.Kind kind, Instant dueAt, @Nullable Song song,
			@Nullable String showId) {
		RadioEvent event = new RadioEvent(UUID.randomUUID().toString(), radioUuid, kind, dueAt,
				(song != null) ? song.id() : null, (song != null) ? song.filename() : null,
				(song != null) ? song.durationSeconds() : null, showId, false, null);
		index(event);
		this.writes.event(event);
		return event;
	}

	private void index(RadioEvent event) {
		this.pending.add(event);
		this.pendingByRadio.computeIfAbsent(event.radioUuid(), (r) -> new ArrayList<>(4)).add(event);
	}

	private void unindex(RadioEvent event) {
		this.pending.remove(event);
		List<RadioEvent> ofRadio = this.pendingByRadio.get(event.radioUuid());
		if (ofRadio != null) {
			ofRadio.remove(event);
			if (ofRadio.isEmpty()) {
				this.pendingByRadio.remove(event.radioUuid());
			}
		}
	}

	/** Events due at or before {@code now}, oldest first. */
	List<RadioEvent> due(Instant now, int limit) {
		List<RadioEvent> due = new ArrayList<>();
		for (RadioEvent event : this.pending) {
			if (event.dueAt().isAfter(now) || due.size() >= limit) {
				break;
			}
			due.add(event);
		}
		return due;
	}

	Optional<Instant> nextDue() {
		return this.pending.isEmpty() ? Optional.empty() : Optional.of(this.pending.first().dueAt());
	}

	/** Marks a pending event done: only the caller that gets {@code true} may handle it. */
	boolean claim(RadioEvent event, Instant now) {
		if (!this.pending.contains(event)) {
			return false;
		}
		unindex(event);
		this.handled.add(event);
		RadioEvent done = new RadioEvent(event.id(), event.radioUuid(), event.kind(), event.dueAt(), event.songId(),
				event.filename(), event.durationSeconds(), event.showId(), true, now);
		this.writes.event(done);
		return true;
	}

	List<RadioEvent> pending(String radioUuid) {
		List<RadioEvent> ofRadio = this.pendingByRadio.get(radioUuid);
		if (ofRadio == null) {
			return List.of();
		}
		List<RadioEvent> sorted = new ArrayList<>(ofRadio);
		sorted.sort(BY_DUE);
		return sorted;
	}

	void cancelPending(String radioUuid) {
		for (RadioEvent event : pending(radioUuid)) {
			unindex(event);
			this.writes.removeEvent(event.id());
		}
	}

	/** Ids of handled events due before {@code before}, forgotten here: the caller removes them from MongoDB. */
	List<String> takeHandledBefore(Instant before) {
		List<String> ids = new ArrayList<>();
		while (!this.handled.isEmpty() && this.handled.peekFirst().dueAt().isBefore(before)) {
			ids.add(this.handled.pollFirst().id());
		}
		return ids;
	}

	/** Number of buffered programming writes. */
	int uncommitted() {
		return this.writes.size();
	}

	/**
	 * Hands every buffered change of programming state over for writing: to the write-behind thread, which writes
	 * it before anything the loop sends afterwards, or, without one, straight to MongoDB.
	 */
	void commit() {
		if (this.writes.isEmpty()) {
			return;
		}
		ProgrammingWrites committed = this.writes;
		this.writes = new ProgrammingWrites();
		if (this.writer != null) {
			this.writer.commit(committed);
		}
		else {
			committed.apply(this.mongo);
		}
	}

	MongoTemplate template() {
		return this.mongo;
	}

	static Query byId(String id) {
		return query(where("_id").is(id));
	}

	/** A catalogue entry and when it stops being trusted. */
	private record Cached<T>(T value, long staleAtNanos) {

		boolean isStale(long now) {
			return now - this.staleAtNanos >= 0;
		}

	}

}
