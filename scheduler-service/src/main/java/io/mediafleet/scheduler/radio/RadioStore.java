package io.mediafleet.scheduler.radio;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The radio scheduler's MongoDB bookkeeping for the loop. Programming state (radio states and their event queues)
 * is held in memory, where the loop reads it; its changes are handed over at each {@link #commit()}, one document
 * per changed radio ({@link StoredRadio}: the state with its pending events), and reach MongoDB in bulk before any
 * message the loop sends afterwards leaves. MongoDB is the durable copy read back at start. Song plays (the
 * "recently played" record) are bookkeeping, written behind the loop and never waited for; they too are held in
 * memory (read in the same scan at start), so a PREPARE of a random radio never waits for MongoDB.
 * The catalogue (radios, playlists, songs, shows) is read through a cache that the admin API invalidates and that
 * expires after {@code catalogueTtl} for changes made straight in MongoDB. An expired entry is read again off the
 * loop's thread and used meanwhile (and kept while MongoDB cannot be reached): a PREPARE never waits for MongoDB
 * for a catalogue entry it has read before, so an outage neither holds up the loop (its plays, its pings) nor fails
 * the PREPARE, which would move its radio's next track and leave a gap in a programme announced ahead.
 * <p>
 * One loop owns a database's radio bookkeeping: a second scheduler on the same database would not see this one's
 * in-memory state.
 * <h2>Parameters to control memory consumption</h2>
 * Song plays in memory: one entry per radio and song ever started on it, the same entries as
 * {@code radio_song_plays}, so bounded by radios &times; catalogue. Entries older than the recent-play window are
 * kept on purpose: the random-play rules favour the least recently played songs, which orders songs by plays older
 * than the window too, so forgetting them would change which song comes next.
 */
final class RadioStore implements RadioPersistence {

	private static final Log log = LogFactory.getLog(RadioStore.class);

	/** Default time a catalogue entry is trusted without re-reading MongoDB. */
	static final Duration DEFAULT_CATALOGUE_TTL = Duration.ofSeconds(60);

	private static final Comparator<RadioEvent> BY_DUE = Comparator.comparing(RadioEvent::dueAt)
		.thenComparing(RadioEvent::id);

	private final MongoTemplate mongo;

	private final long catalogueTtlNanos;

	// Programming state, in memory; complete once loaded, else read through from MongoDB.

	private final Map<String, RadioState> states = new HashMap<>();

	private boolean statesLoaded;

	/** Pending events in the order they are handled: a PREPARE {@link #prepareAhead} before its due time. */
	private NavigableSet<RadioEvent> pending = new TreeSet<>(BY_DUE);

	private Duration prepareAhead = Duration.ZERO;

	private final Map<String, List<RadioEvent>> pendingByRadio = new HashMap<>();

	/** Per radio, the last events it handled, oldest first; at most {@link StoredRadio#HANDLED_KEPT}. */
	private final Map<String, ArrayDeque<RadioEvent>> handledByRadio = new HashMap<>();

	/** Radios changed since the last commit: each is written as one document at the next commit. */
	private final Set<String> changed = new LinkedHashSet<>();

	/** Number of the last commit handed to the writer (0: none, or written at once). */
	private long lastCommit;

	/** Radios deleted since the last commit. */
	private final Set<String> deleted = new HashSet<>();

	// Writes waiting for the next commit, and where commits go (null: written at once, on the caller's thread).

	private ProgrammingWrites writes = new ProgrammingWrites();

	private final @Nullable RadioWriteBehind writer;

	/** Where bookkeeping (sessions, streamers, song plays) goes; {@code null}: written at once, on the caller's thread. */
	private final @Nullable RadioWriteBehind bookkeeping;

	/**
	 * Last play per radio, then per song: read from MongoDB at {@link #load()} (or once per radio when not loaded),
	 * then kept up to date by {@link #recordPlay}, so newer than MongoDB while song plays are still queued.
	 */
	private final Map<String, Map<String, Instant>> playsByRadio = new HashMap<>();

	private boolean playsLoaded;

	// Catalogue cache.

	private final AtomicLong catalogueGeneration = new AtomicLong();

	private long cachedGeneration = -1;

	private final Map<String, Cached<Radio>> radios = new HashMap<>();

	private final Map<String, Cached<Playlist>> playlists = new HashMap<>();

	private final Map<String, Cached<Song>> songs = new HashMap<>();

	/** Every show by radio, under the one key {@link #ALL_SHOWS}: one read of every show, not one query per radio. */
	private final Map<String, Cached<Map<String, List<Show>>>> shows = new HashMap<>();

	private static final String ALL_SHOWS = "all";

	/** Reads expired catalogue entries again, off the loop's thread; created when first needed. */
	private @Nullable Executor refresher;

	private long lastUnreachableLog = System.nanoTime() - RadioLoop.LOG_PERIOD.toNanos();

	/** A store that writes everything at once, on the caller's thread (tests). */
	RadioStore(MongoTemplate mongo) {
		this(mongo, DEFAULT_CATALOGUE_TTL, null, null);
	}

	/** The scheduler's store: commits and bookkeeping go through {@code writer} (at once without one). */
	RadioStore(MongoTemplate mongo, Duration catalogueTtl, @Nullable RadioWriteBehind writer) {
		this(mongo, catalogueTtl, writer, writer);
	}

	private RadioStore(MongoTemplate mongo, Duration catalogueTtl, @Nullable RadioWriteBehind writer,
			@Nullable RadioWriteBehind bookkeeping) {
		this.mongo = mongo;
		this.catalogueTtlNanos = catalogueTtl.toNanos();
		this.writer = writer;
		this.bookkeeping = bookkeeping;
	}

	/**
	 * A store that commits at once, on the caller's thread, and writes its bookkeeping behind through
	 * {@code bookkeeping}: for tests whose in-memory outbound port publishes at once (a play's commit is then already
	 * in MongoDB) while sessions and streamers go through the real writer.
	 */
	static RadioStore committingAtOnce(MongoTemplate mongo, RadioWriteBehind bookkeeping) {
		return new RadioStore(mongo, DEFAULT_CATALOGUE_TTL, null, bookkeeping);
	}

	/**
	 * Makes {@link #due} and {@link #nextDue} hand out each PREPARE {@code ahead} before its due time (STARTs at
	 * their due time). Set once by the programme, which decides when events run.
	 */
	@Override
	public void handlePreparesAhead(Duration ahead) {
		if (ahead.isNegative()) {
			throw new IllegalArgumentException("prepare-ahead must not be negative");
		}
		this.prepareAhead = ahead;
		NavigableSet<RadioEvent> reordered = new TreeSet<>(
				Comparator.comparing(this::handleAt).thenComparing(RadioEvent::id));
		reordered.addAll(this.pending);
		this.pending = reordered;
	}

	/** When the loop handles {@code event}: a PREPARE {@code prepare-ahead} before it is due, a START when due. */
	@Override
	public Instant handleAt(RadioEvent event) {
		return (event.kind() == RadioEvent.Kind.PREPARE) ? event.dueAt().minus(this.prepareAhead) : event.dueAt();
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
		// The console's listening statistics read sessions by the time range they overlap.
		this.mongo.indexOps(ListenerSession.class).createIndex(new Index("startedAt", Sort.Direction.ASC));
		this.mongo.indexOps(SongPlay.class).createIndex(new Index("radioUuid", Sort.Direction.ASC));
		this.mongo.indexOps(RadioState.class).createIndex(new Index("masterStreamer", Sort.Direction.ASC));
	}

	/**
	 * Reads the programming a previous run left: each radio's state with its pending and handled events (loop
	 * thread, at start). Pending events of the earlier layout (collection {@code radio_events}) are folded into their
	 * radios' documents once, then that collection is dropped.
	 */
	void load() {
		this.states.clear();
		this.pending.clear();
		this.pendingByRadio.clear();
		this.handledByRadio.clear();
		this.changed.clear();
		this.deleted.clear();
		MongoConverter converter = this.mongo.getConverter();
		for (Document document : this.mongo.getCollection(RadioState.COLLECTION).find()) {
			StoredRadio stored = StoredRadio.fromDocument(converter, document);
			String radioUuid = stored.state().radioUuid();
			this.states.put(radioUuid, stored.state());
			for (RadioEvent event : stored.pending()) {
				index(event);
			}
			if (!stored.handled().isEmpty()) {
				this.handledByRadio.put(radioUuid, new ArrayDeque<>(stored.handled()));
			}
		}
		this.statesLoaded = true;
		foldLegacyEvents();
		loadPlays();
	}

	/** One scan of the song plays: afterwards a radio without an entry has never played a song. */
	private void loadPlays() {
		this.playsByRadio.clear();
		try (var plays = this.mongo.stream(new Query(), SongPlay.class)) {
			plays.forEach((play) -> played(this.playsByRadio.computeIfAbsent(play.radioUuid(), (r) -> new HashMap<>()),
					play.songId(), play.lastPlayedAt()));
		}
		this.playsLoaded = true;
	}

	/**
	 * Moves the pending events of the layout before one document per radio into their radios' documents, written
	 * at once, then drops the old collection. Idempotent: a crash in between folds the same events (by id) again.
	 */
	private void foldLegacyEvents() {
		if (!this.mongo.collectionExists(RadioEvent.LEGACY_COLLECTION)) {
			return;
		}
		Set<String> known = new HashSet<>();
		for (RadioEvent event : this.pending) {
			known.add(event.id());
		}
		Set<String> radios = new LinkedHashSet<>();
		for (RadioEvent event : this.mongo.find(query(where("done").is(false)), RadioEvent.class,
				RadioEvent.LEGACY_COLLECTION)) {
			if (this.states.containsKey(event.radioUuid()) && known.add(event.id())) {
				index(event);
				radios.add(event.radioUuid());
			}
		}
		if (!radios.isEmpty()) {
			ProgrammingWrites folded = new ProgrammingWrites();
			for (String radioUuid : radios) {
				folded.radio(radioUuid, Optional.of(stored(this.states.get(radioUuid))));
			}
			folded.apply(this.mongo);
		}
		this.mongo.dropCollection(RadioEvent.LEGACY_COLLECTION);
		log.info("Folded the pending events of " + radios.size() + " radio(s) from '" + RadioEvent.LEGACY_COLLECTION
				+ "' into '" + RadioState.COLLECTION + "' and dropped the old collection");
	}

	// Bookkeeping: sessions and streamers (written behind the loop, see RadioWriteBehind)

	@Override
	public List<ListenerSession> openSessions() {
		return this.mongo.find(query(where("open").is(true)), ListenerSession.class);
	}

	@Override
	public void sessionOpened(ListenerSession session) {
		if (this.bookkeeping != null) {
			this.bookkeeping.sessionOpened(session);
			return;
		}
		try {
			this.mongo.getCollection(ListenerSession.COLLECTION)
				.withDocumentClass(RawBsonDocument.class)
				.insertOne(RadioWriteBehind.toDocument(session));
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			// An id used before: its first record is kept, as the writer does.
		}
	}

	@Override
	public void sessionClosed(ListenerSession closed) {
		if (this.bookkeeping != null) {
			this.bookkeeping.sessionClosed(closed);
			return;
		}
		this.mongo.updateFirst(byId(closed.sessionId()),
				new Update().set("open", false)
					.set("endedAt", closed.endedAt())
					.set("durationSeconds", closed.durationSeconds()),
				ListenerSession.class);
	}

	@Override
	public List<Streamer> streamers() {
		return this.mongo.findAll(Streamer.class);
	}

	@Override
	public void streamerSaved(Streamer streamer) {
		if (this.bookkeeping != null) {
			this.bookkeeping.streamerSaved(streamer);
		}
		else {
			this.mongo.save(streamer);
		}
	}

	@Override
	public void streamerStatus(Streamer streamer) {
		if (this.bookkeeping != null) {
			this.bookkeeping.streamerStatus(streamer);
		}
		else {
			this.mongo.findAndReplace(byId(streamer.name()), streamer);
		}
	}

	@Override
	public void streamerDeleted(String name) {
		if (this.bookkeeping != null) {
			this.bookkeeping.streamerDeleted(name);
		}
		else {
			this.mongo.remove(byId(name), Streamer.class);
		}
	}

	// Radios and their state

	@Override
	public Optional<RadioState> state(String radioUuid) {
		RadioState state = this.states.get(radioUuid);
		if (state != null || this.statesLoaded) {
			return Optional.ofNullable(state);
		}
		if (this.deleted.contains(radioUuid)) {
			// Deleted but not committed yet.
			return Optional.empty();
		}
		state = this.mongo.findById(radioUuid, RadioState.class);
		if (state != null) {
			this.states.put(radioUuid, state);
		}
		return Optional.ofNullable(state);
	}

	@Override
	public void saveState(RadioState state) {
		this.states.put(state.radioUuid(), state);
		this.deleted.remove(state.radioUuid());
		this.changed.add(state.radioUuid());
	}

	/** The radio is no longer programmed: its document goes, pending events included. */
	@Override
	public void deleteState(String radioUuid) {
		this.states.remove(radioUuid);
		this.handledByRadio.remove(radioUuid);
		this.deleted.add(radioUuid);
		this.changed.add(radioUuid);
	}

	/** Every programmed radio (loaded state). */
	@Override
	public List<RadioState> states() {
		return new ArrayList<>(this.states.values());
	}

	@Override
	public List<RadioState> statesMasteredBy(String streamer) {
		List<RadioState> mastered = new ArrayList<>();
		for (RadioState state : this.states.values()) {
			if (streamer.equals(state.masterStreamer())) {
				mastered.add(state);
			}
		}
		return mastered;
	}

	@Override
	public long countMastered() {
		return this.states.values().stream().filter((state) -> state.masterStreamer() != null).count();
	}

	// Catalogue

	/** The admin API changed the catalogue: the next reads go to MongoDB. Any thread. */
	@Override
	public void catalogueChanged() {
		this.catalogueGeneration.incrementAndGet();
	}

	@Override
	public Optional<Radio> radio(String uuid) {
		return cached(this.radios, uuid, () -> this.mongo.findById(uuid, Radio.class));
	}

	@Override
	public Optional<Playlist> playlist(String id) {
		return cached(this.playlists, id, () -> this.mongo.findById(id, Playlist.class));
	}

	@Override
	public Optional<Song> song(String id) {
		return cached(this.songs, id, () -> this.mongo.findById(id, Song.class));
	}

	@Override
	public List<Show> showsOf(String radioUuid) {
		return cached(this.shows, ALL_SHOWS, () -> {
			Map<String, List<Show>> byRadio = new HashMap<>();
			for (Show show : this.mongo.findAll(Show.class)) {
				byRadio.computeIfAbsent(show.radioUuid(), (r) -> new ArrayList<>()).add(show);
			}
			return byRadio;
		}).map((all) -> all.getOrDefault(radioUuid, List.<Show>of())).orElse(List.of());
	}

	/**
	 * The entry {@code id} of {@code cache}: read at once if never read (or cleared by an admin change), else the
	 * cached copy. An expired copy is still returned while {@code read} runs again off the loop's thread; its result
	 * replaces it at the first call after it is done (absent: the entry is gone), and a read that failed (MongoDB
	 * unreachable) keeps the copy and is tried again at the next call.
	 */
	private <T> Optional<T> cached(Map<String, Cached<T>> cache, String id, Supplier<@Nullable T> read) {
		checkGeneration();
		long now = System.nanoTime();
		Cached<T> entry = cache.get(id);
		if (entry == null) {
			T value = read.get();
			if (value == null) {
				// Not cached: something created a moment later must be found.
				return Optional.empty();
			}
			cache.put(id, new Cached<>(value, now + this.catalogueTtlNanos, null));
			return Optional.of(value);
		}
		if (!entry.isStale(now)) {
			return Optional.of(entry.value());
		}
		CompletableFuture<Optional<T>> refresh = entry.refresh();
		if (refresh == null) {
			cache.put(id, new Cached<>(entry.value(), entry.staleAtNanos(),
					CompletableFuture.supplyAsync(() -> Optional.ofNullable(read.get()), refresher())));
			return Optional.of(entry.value());
		}
		if (!refresh.isDone()) {
			return Optional.of(entry.value());
		}
		try {
			Optional<T> value = refresh.join();
			if (value.isEmpty()) {
				cache.remove(id);
				return value;
			}
			cache.put(id, new Cached<>(value.get(), now + this.catalogueTtlNanos, null));
			return value;
		}
		catch (RuntimeException ex) {
			if (now - this.lastUnreachableLog >= RadioLoop.LOG_PERIOD.toNanos()) {
				this.lastUnreachableLog = now;
				log.warn("Radio catalogue: reading " + id + " again failed (" + ex.getMessage()
						+ "); the copy read before is used meanwhile");
			}
			// Expired still: read again at the next call.
			cache.put(id, new Cached<>(entry.value(), entry.staleAtNanos(), null));
			return Optional.of(entry.value());
		}
	}

	private Executor refresher() {
		Executor executor = this.refresher;
		if (executor == null) {
			// One thread, ended after a minute idle: reads queue behind one another while MongoDB is away, at most
			// one per cached entry (a new one only once the last is done), so the queue is bounded by the catalogue.
			ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
					(task) -> {
						Thread thread = new Thread(task, "radio-catalogue");
						thread.setDaemon(true);
						return thread;
					});
			pool.allowCoreThreadTimeOut(true);
			executor = pool;
			this.refresher = executor;
		}
		return executor;
	}

	private void checkGeneration() {
		long generation = this.catalogueGeneration.get();
		if (generation != this.cachedGeneration) {
			// Reads still running for the cleared entries land nowhere: their futures are dropped with them.
			this.radios.clear();
			this.playlists.clear();
			this.songs.clear();
			this.shows.clear();
			this.cachedGeneration = generation;
		}
	}

	/** When each of the songs last started on the radio (absent: never); from memory once loaded. */
	@Override
	public Map<String, Instant> lastPlayed(String radioUuid, List<String> songIds) {
		Map<String, Instant> plays = playsOf(radioUuid);
		Map<String, Instant> result = new HashMap<>();
		for (String songId : songIds) {
			Instant at = plays.get(songId);
			if (at != null) {
				result.put(songId, at);
			}
		}
		return result;
	}

	private Map<String, Instant> playsOf(String radioUuid) {
		Map<String, Instant> plays = this.playsByRadio.get(radioUuid);
		if (plays == null) {
			plays = new HashMap<>();
			if (!this.playsLoaded) {
				// Not loaded (a store used without load()): read this radio's plays once.
				for (SongPlay play : this.mongo.find(query(where("radioUuid").is(radioUuid)), SongPlay.class)) {
					played(plays, play.songId(), play.lastPlayedAt());
				}
			}
			this.playsByRadio.put(radioUuid, plays);
		}
		return plays;
	}

	/** The latest start wins, as it did when MongoDB's copy was merged with this run's plays on every PREPARE. */
	private static void played(Map<String, Instant> plays, String songId, Instant at) {
		plays.merge(songId, at, (a, b) -> a.isAfter(b) ? a : b);
	}

	/**
	 * Records that a song started. With a write-behind this is bookkeeping, not programming: written behind the loop
	 * without holding back any {@code play}; a crash may lose the last few, which only makes those songs look less
	 * recently played to the random-play rules.
	 */
	@Override
	public void recordPlay(String radioUuid, String songId, Instant at) {
		SongPlay play = new SongPlay(SongPlay.idOf(radioUuid, songId), radioUuid, songId, at);
		played(playsOf(radioUuid), songId, at);
		if (this.bookkeeping != null) {
			this.bookkeeping.songPlayed(play);
		}
		else {
			this.writes.play(play);
		}
	}

	// Users

	@Override
	public Optional<User> userByTokenHash(String sha256) {
		UserToken token = this.mongo.findById(sha256, UserToken.class);
		return (token != null) ? Optional.ofNullable(this.mongo.findById(token.userId(), User.class))
				: Optional.empty();
	}

	@Override
	public Optional<User> userByUsername(String username) {
		return Optional.ofNullable(this.mongo.findOne(query(where("username").is(username)), User.class));
	}

	// Events

	RadioEvent schedule(String radioUuid, RadioEvent.Kind kind, Instant dueAt, @Nullable Song song,
			@Nullable String showId) {
		return schedule(radioUuid, kind, dueAt, song, showId, null);
	}

	/** Schedules an event; a START with {@code announceAt} has its {@code play} sent then (see {@link RadioEvent}). */
	@Override
	public RadioEvent schedule(String radioUuid, RadioEvent.Kind kind, Instant dueAt, @Nullable Song song,
			@Nullable String showId, @Nullable Instant announceAt) {
		RadioEvent event = new RadioEvent(UUID.randomUUID().toString(), radioUuid, kind, dueAt,
				(song != null) ? song.id() : null, (song != null) ? song.filename() : null,
				(song != null) ? song.durationSeconds() : null, showId, false, null, announceAt, false);
		index(event);
		this.changed.add(radioUuid);
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

	/** Events to handle at or before {@code now} (see {@link #handleAt}), oldest first. */
	@Override
	public List<RadioEvent> due(Instant now, int limit) {
		List<RadioEvent> due = new ArrayList<>();
		for (RadioEvent event : this.pending) {
			if (handleAt(event).isAfter(now) || due.size() >= limit) {
				break;
			}
			due.add(event);
		}
		return due;
	}

	@Override
	public Optional<Instant> nextDue() {
		return this.pending.isEmpty() ? Optional.empty() : Optional.of(handleAt(this.pending.first()));
	}

	/** Marks a pending event done: only the caller that gets {@code true} may handle it. */
	@Override
	public boolean claim(RadioEvent event, Instant now) {
		if (!this.pending.contains(event)) {
			return false;
		}
		unindex(event);
		RadioEvent done = event.handled(now);
		ArrayDeque<RadioEvent> handled = this.handledByRadio.computeIfAbsent(event.radioUuid(),
				(r) -> new ArrayDeque<>(StoredRadio.HANDLED_KEPT));
		handled.addLast(done);
		while (handled.size() > StoredRadio.HANDLED_KEPT) {
			handled.removeFirst();
		}
		this.changed.add(event.radioUuid());
		return true;
	}

	/** Replaces a pending event by a changed copy (same id), written with the radio at the next commit. */
	@Override
	public void replacePending(RadioEvent event, RadioEvent changed) {
		if (!event.id().equals(changed.id()) || !isPending(event)) {
			throw new IllegalArgumentException("not a pending event or not the same event: " + event.id());
		}
		unindex(event);
		index(changed);
		this.changed.add(event.radioUuid());
	}

	/** Whether {@code event} is still pending: neither handled nor cancelled (radio stopped or restarted). */
	@Override
	public boolean isPending(RadioEvent event) {
		List<RadioEvent> ofRadio = this.pendingByRadio.get(event.radioUuid());
		return ofRadio != null && ofRadio.contains(event);
	}

	@Override
	public List<RadioEvent> pending(String radioUuid) {
		List<RadioEvent> ofRadio = this.pendingByRadio.get(radioUuid);
		if (ofRadio == null) {
			return List.of();
		}
		List<RadioEvent> sorted = new ArrayList<>(ofRadio);
		sorted.sort(BY_DUE);
		return sorted;
	}

	@Override
	public void cancelPending(String radioUuid) {
		for (RadioEvent event : pending(radioUuid)) {
			unindex(event);
		}
		this.changed.add(radioUuid);
	}

	/** The last events {@code radioUuid} handled, oldest first. */
	List<RadioEvent> handled(String radioUuid) {
		ArrayDeque<RadioEvent> handled = this.handledByRadio.get(radioUuid);
		return (handled != null) ? List.copyOf(handled) : List.of();
	}

	/** Number of buffered programming writes. */
	int uncommitted() {
		return this.changed.size() + this.writes.size();
	}

	/**
	 * Hands every buffered change of programming state over for writing: to the write-behind thread, which writes
	 * it before anything the loop sends afterwards, or, without one, straight to MongoDB. Returns the number of the
	 * commit that holds every change so far, for {@link #isWritten(long)}.
	 */
	@Override
	public long commit() {
		for (String radioUuid : this.changed) {
			if (this.deleted.contains(radioUuid)) {
				this.writes.radio(radioUuid, Optional.empty());
			}
			else {
				// Events of a radio that is not programmed are not kept: there is nothing to resume after a restart.
				state(radioUuid).ifPresent((state) -> this.writes.radio(radioUuid, Optional.of(stored(state))));
			}
		}
		this.changed.clear();
		this.deleted.clear();
		if (this.writes.isEmpty()) {
			return this.lastCommit;
		}
		ProgrammingWrites committed = this.writes;
		this.writes = new ProgrammingWrites();
		if (this.writer != null) {
			this.lastCommit = this.writer.commit(committed);
		}
		else {
			committed.apply(this.mongo);
		}
		return this.lastCommit;
	}

	/** Whether what {@link #commit()} returned {@code commit} for is in MongoDB. */
	@Override
	public boolean isWritten(long commit) {
		return this.writer == null || this.writer.isWritten(commit);
	}

	/** A snapshot of the radio's programming as it is now, for writing (immutable: the writer converts it). */
	private StoredRadio stored(RadioState state) {
		List<RadioEvent> ofRadio = this.pendingByRadio.get(state.radioUuid());
		List<RadioEvent> pendingEvents = (ofRadio != null) ? pending(state.radioUuid()) : List.of();
		return new StoredRadio(state, pendingEvents, handled(state.radioUuid()));
	}

	/** What a radio's document in MongoDB holds now ({@code null} if none): for tests and inspection. */
	static @Nullable StoredRadio read(MongoTemplate mongo, String radioUuid) {
		Document document = mongo.getCollection(RadioState.COLLECTION).find(new Document("_id", radioUuid)).first();
		return (document != null) ? StoredRadio.fromDocument(mongo.getConverter(), document) : null;
	}

	MongoTemplate template() {
		return this.mongo;
	}

	static Query byId(String id) {
		return query(where("_id").is(id));
	}

	/** A catalogue entry, when it stops being trusted, and the read that replaces it once it has expired. */
	private record Cached<T>(T value, long staleAtNanos, @Nullable CompletableFuture<Optional<T>> refresh) {

		boolean isStale(long now) {
			return now - this.staleAtNanos >= 0;
		}

	}

}
