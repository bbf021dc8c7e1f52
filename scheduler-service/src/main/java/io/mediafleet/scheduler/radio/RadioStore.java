package io.mediafleet.scheduler.radio;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The radio scheduler's MongoDB bookkeeping: every read and write of the loop goes through here.
 */
final class RadioStore {

	private final MongoTemplate mongo;

	/** Start of every open session, kept by the loop (the only writer of sessions). */
	private final Map<String, Instant> openSessionStarts = new HashMap<>();

	RadioStore(MongoTemplate mongo) {
		this.mongo = mongo;
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

	// Streamers

	Optional<Streamer> streamer(String name) {
		return Optional.ofNullable(this.mongo.findById(name, Streamer.class));
	}

	void saveStreamer(Streamer streamer) {
		this.mongo.save(streamer);
	}

	boolean deleteStreamer(String name) {
		return this.mongo.remove(query(where("_id").is(name)), Streamer.class).getDeletedCount() > 0;
	}

	void saveStreamers(Collection<Streamer> streamers) {
		if (streamers.isEmpty()) {
			return;
		}
		BulkOperations bulk = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Streamer.class);
		for (Streamer streamer : streamers) {
			bulk.replaceOne(byId(streamer.name()), streamer, FindAndReplaceOptions.options().upsert());
		}
		bulk.execute();
	}

	List<Streamer> streamers() {
		return this.mongo.findAll(Streamer.class);
	}

	boolean pong(String name, Instant now) {
		return this.mongo
			.updateFirst(query(where("_id").is(name)),
					new Update().set("waitingForPong", false).set("missedPings", 0).set("lastPongAt", now),
					Streamer.class)
			.getMatchedCount() > 0;
	}

	// Radios and their state

	Optional<Radio> radio(String uuid) {
		return Optional.ofNullable(this.mongo.findById(uuid, Radio.class));
	}

	Optional<RadioState> state(String radioUuid) {
		return Optional.ofNullable(this.mongo.findById(radioUuid, RadioState.class));
	}

	void saveState(RadioState state) {
		this.mongo.save(state);
	}

	void deleteState(String radioUuid) {
		this.mongo.remove(query(where("_id").is(radioUuid)), RadioState.class);
	}

	List<RadioState> states() {
		return this.mongo.findAll(RadioState.class);
	}

	List<RadioState> statesMasteredBy(String streamer) {
		return this.mongo.find(query(where("masterStreamer").is(streamer)), RadioState.class);
	}

	long countMastered() {
		return this.mongo.count(query(where("masterStreamer").ne(null)), RadioState.class);
	}

	// Catalogue

	Optional<Playlist> playlist(String id) {
		return Optional.ofNullable(this.mongo.findById(id, Playlist.class));
	}

	Optional<Song> song(String id) {
		return Optional.ofNullable(this.mongo.findById(id, Song.class));
	}

	List<Show> showsOf(String radioUuid) {
		return this.mongo.find(query(where("radioUuid").is(radioUuid)), Show.class);
	}

	Map<String, Instant> lastPlayed(String radioUuid, List<String> songIds) {
		Map<String, Instant> result = new HashMap<>();
		for (SongPlay play : this.mongo
			.find(query(where("radioUuid").is(radioUuid).and("songId").in(songIds)), SongPlay.class)) {
			result.put(play.songId(), play.lastPlayedAt());
		}
		return result;
	}

	void recordPlay(String radioUuid, String songId, Instant at) {
		this.mongo.save(new SongPlay(SongPlay.idOf(radioUuid, songId), radioUuid, songId, at));
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

	// Listener sessions

	/** Loads the start times of open sessions left by a previous run (loop thread, at start). */
	void loadOpenSessions() {
		this.openSessionStarts.clear();
		for (ListenerSession session : this.mongo.find(query(where("open").is(true)), ListenerSession.class)) {
			this.openSessionStarts.put(session.sessionId(), session.startedAt());
		}
	}

	/** Opens a session; {@code false} when the session id was already used. */
	boolean openSession(ListenerSession session) {
		if (this.openSessionStarts.containsKey(session.sessionId())) {
			return false;
		}
		try {
			this.mongo.insert(session);
			this.openSessionStarts.put(session.sessionId(), session.startedAt());
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * Closes an open session, recording its duration; {@code false} if there was no such open session. Open sessions
	 * are known in memory, so an unknown id costs no database access and a known one a single update by id.
	 */
	boolean closeSession(String sessionId, Instant now) {
		Instant started = this.openSessionStarts.remove(sessionId);
		if (started == null) {
			return false;
		}
		double seconds = Math.max(0, Duration.between(started, now).toNanos() / 1e9);
		this.mongo.updateFirst(byId(sessionId),
				new Update().set("open", false).set("endedAt", now).set("durationSeconds", seconds),
				ListenerSession.class);
		return true;
	}

	/** Closes every open session matching {@code criteria}; returns how many. */
	int closeSessions(Criteria criteria, Instant now) {
		List<ListenerSession> open = this.mongo.find(query(criteria.and("open").is(true)), ListenerSession.class);
		int closed = 0;
		for (ListenerSession session : open) {
			this.openSessionStarts.putIfAbsent(session.sessionId(), session.startedAt());
			if (closeSession(session.sessionId(), now)) {
				closed++;
			}
		}
		return closed;
	}

	long countOpenSessions() {
		return this.mongo.count(query(where("open").is(true)), ListenerSession.class);
	}

	// Events

	RadioEvent schedule(String radioUuid, RadioEvent.Kind kind, Instant dueAt, @Nullable Song song,
			@Nullable String showId) {
		RadioEvent event = new RadioEvent(UUID.randomUUID().toString(), radioUuid, kind, dueAt,
				(song != null) ? song.id() : null, (song != null) ? song.filename() : null,
				(song != null) ? song.durationSeconds() : null, showId, false, null);
		return this.mongo.insert(event);
	}

	/** Events due at or before {@code now}, oldest first. */
	List<RadioEvent> due(Instant now, int limit) {
		return this.mongo.find(query(where("done").is(false).and("dueAt").lte(now))
			.with(Sort.by("dueAt", "_id"))
			.limit(limit), RadioEvent.class);
	}

	Optional<Instant> nextDue() {
		RadioEvent next = this.mongo.findOne(
				query(where("done").is(false)).with(Sort.by("dueAt")).limit(1), RadioEvent.class);
		return Optional.ofNullable(next).map(RadioEvent::dueAt);
	}

	/** Marks the event done if nobody did yet: only the caller that gets {@code true} may handle it. */
	boolean claim(RadioEvent event, Instant now) {
		return this.mongo.findAndModify(query(where("_id").is(event.id()).and("done").is(false)),
				new Update().set("done", true).set("handledAt", now), RadioEvent.class) != null;
	}

	List<RadioEvent> pending(String radioUuid) {
		return this.mongo.find(query(where("radioUuid").is(radioUuid).and("done").is(false)).with(Sort.by("dueAt")),
				RadioEvent.class);
	}

	void cancelPending(String radioUuid) {
		this.mongo.remove(query(where("radioUuid").is(radioUuid).and("done").is(false)), RadioEvent.class);
	}

	/** Keeps the queue from growing without bound: handled events older than {@code before} go. */
	void purgeHandled(Instant before) {
		this.mongo.remove(query(where("done").is(true).and("dueAt").lt(before)), RadioEvent.class);
	}

	MongoTemplate template() {
		return this.mongo;
	}

	static Query byId(String id) {
		return query(where("_id").is(id));
	}

}
