package io.mediafleet.scheduler.radio;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * What the REST admin API may do with the radio scheduler: catalogue CRUD, user tokens, live views and force-stop.
 * Catalogue writes go straight to MongoDB and tell the loop to re-read its cached catalogue; anything touching live
 * state runs on the radio loop's thread; views of listener sessions and streamers first wait until the loop's
 * written-behind bookkeeping has reached MongoDB, so they show what the loop has handled.
 */
public class RadioAdmin {

	private static final int TOKEN_BYTES = 32;

	/** Largest page of listening history returned at once. */
	public static final int MAX_HISTORY = 1000;

	private final RadioLoop loop;

	private final RadioStore store;

	private final MongoTemplate mongo;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	RadioAdmin(RadioLoop loop, RadioStore store, Clock clock) {
		this.loop = loop;
		this.store = store;
		this.mongo = store.template();
		this.clock = clock;
	}

	// Radios

	/**
	 * Every radio. Waits for the loop's writes first, as the live views do: while MongoDB holds them up (its port
	 * refused, or frozen) that wait gives up within a second or two with the 503 problem naming MongoDB, where a read
	 * sent to it would wait for the driver's limits (30 s to find a refused server, none for a frozen one's answer).
	 */
	public List<Radio> radios() {
		this.loop.awaitWrites();
		return this.mongo.findAll(Radio.class);
	}

	public Optional<Radio> radio(String uuid) {
		return this.store.radio(uuid);
	}

	/** Creates or replaces a radio. */
	public Radio saveRadio(Radio radio) {
		requirePlaylist(radio.defaultPlaylistId(), "defaultPlaylistId");
		return changed(this.mongo.save(radio));
	}

	/** Deletes a radio, stopping it first; {@code false} if unknown. */
	public boolean deleteRadio(String uuid) {
		if (this.store.radio(uuid).isEmpty()) {
			return false;
		}
		forceStop(uuid);
		this.mongo.remove(query(where("radioUuid").is(uuid)), Show.class);
		this.mongo.remove(RadioStore.byId(uuid), Radio.class);
		this.loop.catalogueChanged();
		return true;
	}

	/** What a radio is doing now; {@code null} fields when it is not programmed. */
	public RadioStatus status(Radio radio) {
		this.loop.awaitWrites();
		RadioState state = this.mongo.findById(radio.uuid(), RadioState.class);
		long listeners = this.mongo.count(query(where("radioUuid").is(radio.uuid()).and("open").is(true)),
				ListenerSession.class);
		Instant now = this.clock.instant();
		boolean playing = state != null && state.isPlayingAt(now);
		return new RadioStatus(radio.uuid(), state != null, (state != null) ? state.masterStreamer() : null,
				playing ? state.songId() : null, playing ? state.filename() : null, playing ? state.playTime() : null,
				playing ? state.songEndTime() : null, playing ? state.showId() : null, listeners);
	}

	/**
	 * What every radio is doing now, by radio uuid, read in two queries whatever the number of radios (the console's
	 * lists); the same answer {@link #status(Radio)} gives one radio at a time.
	 */
	public Map<String, RadioStatus> statuses(List<Radio> radios) {
		this.loop.awaitWrites();
		Map<String, RadioState> states = new HashMap<>();
		for (RadioState state : this.mongo.findAll(RadioState.class)) {
			states.put(state.radioUuid(), state);
		}
		Map<String, Long> listeners = new HashMap<>();
		var counts = this.mongo.aggregate(
				Aggregation.newAggregation(
						Aggregation.match(where("open").is(true)),
						Aggregation.group("radioUuid").count().as("n")),
				ListenerSession.COLLECTION, Document.class);
		for (Document count : counts) {
			listeners.put(String.valueOf(count.get("_id")), ((Number) count.get("n")).longValue());
		}
		Instant now = this.clock.instant();
		Map<String, RadioStatus> result = new LinkedHashMap<>();
		for (Radio radio : radios) {
			RadioState state = states.get(radio.uuid());
			boolean playing = state != null && state.isPlayingAt(now);
			result.put(radio.uuid(), new RadioStatus(radio.uuid(), state != null,
					(state != null) ? state.masterStreamer() : null, playing ? state.songId() : null,
					playing ? state.filename() : null, playing ? state.playTime() : null,
					playing ? state.songEndTime() : null, playing ? state.showId() : null,
					listeners.getOrDefault(radio.uuid(), 0L)));
		}
		return result;
	}

	/** Stops programming a radio and closes its sessions; its master gets {@code radio_stopped}. */
	public boolean forceStop(String radioUuid) {
		return this.loop.call(() -> this.loop.handler().stopRadio(null, radioUuid, false));
	}

	// Songs

	public List<Song> songs() {
		return this.mongo.findAll(Song.class);
	}

	public Optional<Song> song(String id) {
		return this.store.song(id);
	}

	public Song saveSong(Song song) {
		try {
			return changed(this.mongo.save(song));
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidAdminRequest("filename", "another song already has file name '" + song.filename() + "'");
		}
	}

	public boolean deleteSong(String id) {
		return changed(this.mongo.remove(RadioStore.byId(id), Song.class).getDeletedCount() > 0);
	}

	// Playlists

	public List<Playlist> playlists() {
		return this.mongo.findAll(Playlist.class);
	}

	public Optional<Playlist> playlist(String id) {
		return this.store.playlist(id);
	}

	public Playlist savePlaylist(Playlist playlist) {
		List<String> missing = new ArrayList<>();
		for (String songId : playlist.songIds()) {
			if (this.store.song(songId).isEmpty()) {
				missing.add(songId);
			}
		}
		if (!missing.isEmpty()) {
			throw new InvalidAdminRequest("songIds", "unknown song id(s) " + missing);
		}
		return changed(this.mongo.save(playlist));
	}

	public boolean deletePlaylist(String id) {
		return changed(this.mongo.remove(RadioStore.byId(id), Playlist.class).getDeletedCount() > 0);
	}

	// Shows

	public List<Show> shows(@Nullable String radioUuid) {
		return (radioUuid != null) ? this.store.showsOf(radioUuid) : this.mongo.findAll(Show.class);
	}

	public Optional<Show> show(String id) {
		return Optional.ofNullable(this.mongo.findById(id, Show.class));
	}

	public Show saveShow(Show show) {
		if (this.store.radio(show.radioUuid()).isEmpty()) {
			throw new InvalidAdminRequest("radioUuid", "unknown radio '" + show.radioUuid() + "'");
		}
		requirePlaylist(show.playlistId(), "playlistId");
		requireTime(show.start(), "start");
		requireTime(show.end(), "end");
		if (show.days().isEmpty()) {
			throw new InvalidAdminRequest("days", "at least one day");
		}
		return changed(this.mongo.save(show));
	}

	public boolean deleteShow(String id) {
		return changed(this.mongo.remove(RadioStore.byId(id), Show.class).getDeletedCount() > 0);
	}

	// Users and tokens

	public List<User> users() {
		return this.mongo.findAll(User.class);
	}

	public Optional<User> user(String id) {
		return Optional.ofNullable(this.mongo.findById(id, User.class));
	}

	/**
	 * Creates or replaces a user; {@code apiKey} is hashed before it is stored, {@code null} keeps the current one.
	 */
	public User saveUser(String id, String username, @Nullable String apiKey, boolean hd) {
		String hash = (apiKey != null) ? Sha256.hex(apiKey)
				: user(id).map(User::apiKeySha256).orElse(null);
		try {
			return this.mongo.save(new User(id, username, hash, hd));
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidAdminRequest("username", "username '" + username + "' is taken");
		}
	}

	public boolean deleteUser(String id) {
		this.mongo.remove(query(where("userId").is(id)), UserToken.class);
		return this.mongo.remove(RadioStore.byId(id), User.class).getDeletedCount() > 0;
	}

	/** Issues a token; the clear token is returned only here and never stored. */
	public IssuedToken issueToken(String userId) {
		byte[] bytes = new byte[TOKEN_BYTES];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		UserToken stored = this.mongo.insert(new UserToken(Sha256.hex(token), userId, this.clock.instant()));
		return new IssuedToken(stored.sha256(), token, stored.issuedAt());
	}

	public List<UserToken> tokens(String userId) {
		return this.mongo.find(query(where("userId").is(userId)), UserToken.class);
	}

	public boolean revokeToken(String userId, String tokenId) {
		return this.mongo.remove(query(where("_id").is(tokenId).and("userId").is(userId)), UserToken.class)
			.getDeletedCount() > 0;
	}

	// Live views

	public List<Streamer> streamers() {
		this.loop.awaitWrites();
		return this.store.streamers();
	}

	public List<ListenerSession> openSessions(@Nullable String radioUuid) {
		this.loop.awaitWrites();
		Criteria criteria = where("open").is(true);
		if (radioUuid != null) {
			criteria = criteria.and("radioUuid").is(radioUuid);
		}
		return this.mongo.find(query(criteria).with(Sort.by("startedAt")), ListenerSession.class);
	}

	/**
	 * A mark that differs whenever a listening session started or ended since the last one was taken: the number of
	 * open sessions and the ids of the newest started and newest ended session (the console's listening page is told
	 * to redraw when it changes).
	 */
	public List<Object> sessionsMark() {
		this.loop.awaitWrites();
		long open = this.mongo.count(query(where("open").is(true)), ListenerSession.class);
		ListenerSession started = this.mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "startedAt", "_id")),
				ListenerSession.class);
		ListenerSession ended = this.mongo.findOne(
				query(where("open").is(false)).with(Sort.by(Sort.Direction.DESC, "endedAt", "_id")), ListenerSession.class);
		return List.of(open, (started != null) ? started.sessionId() : "", (ended != null) ? ended.sessionId() : "");
	}

	/** Closed sessions, newest first. */
	public List<ListenerSession> history(@Nullable String radioUuid, @Nullable String userId, int limit) {
		this.loop.awaitWrites();
		Criteria criteria = where("open").is(false);
		if (radioUuid != null) {
			criteria = criteria.and("radioUuid").is(radioUuid);
		}
		if (userId != null) {
			criteria = criteria.and("userId").is(userId);
		}
		Query query = query(criteria).with(Sort.by(Sort.Direction.DESC, "endedAt"))
			.limit(Math.max(1, Math.min(limit, MAX_HISTORY)));
		return this.mongo.find(query, ListenerSession.class);
	}

	/**
	 * Sessions, open or closed, that overlap {@code [from, to)}: started before {@code to} and still open or ended
	 * after {@code from}; oldest first, at most {@code limit} after skipping {@code skip}.
	 */
	public List<ListenerSession> sessionsOverlapping(@Nullable String radioUuid, Instant from, Instant to, int skip,
			int limit) {
		this.loop.awaitWrites();
		Query query = overlapping(radioUuid, from, to).with(Sort.by("startedAt", "_id"))
			.skip(Math.max(0, skip))
			.limit(Math.max(1, limit));
		return this.mongo.find(query, ListenerSession.class);
	}

	/**
	 * The same sessions as {@link #sessionsOverlapping}, read as they are consumed (for exports too large to hold);
	 * the caller closes the stream.
	 */
	public Stream<ListenerSession> streamSessionsOverlapping(@Nullable String radioUuid, Instant from, Instant to,
			int limit) {
		this.loop.awaitWrites();
		return this.mongo.stream(overlapping(radioUuid, from, to).with(Sort.by("startedAt", "_id")).limit(Math.max(1, limit)),
				ListenerSession.class);
	}

	/** How many sessions overlap {@code [from, to)}, counting no further than {@code atMost}. */
	public long countSessionsOverlapping(@Nullable String radioUuid, Instant from, Instant to, int atMost) {
		this.loop.awaitWrites();
		return this.mongo.count(overlapping(radioUuid, from, to).limit(Math.max(1, atMost)), ListenerSession.class);
	}

	private static Query overlapping(@Nullable String radioUuid, Instant from, Instant to) {
		Criteria criteria = where("startedAt").lt(to)
			.orOperator(where("open").is(true), where("endedAt").gt(from));
		if (radioUuid != null) {
			criteria = criteria.and("radioUuid").is(radioUuid);
		}
		return query(criteria);
	}

	/** Tells the loop its cached catalogue is out of date; returns {@code result}. */
	private <T> T changed(T result) {
		this.loop.catalogueChanged();
		return result;
	}

	private void requirePlaylist(@Nullable String playlistId, String field) {
		if (playlistId != null && this.store.playlist(playlistId).isEmpty()) {
			throw new InvalidAdminRequest(field, "unknown playlist '" + playlistId + "'");
		}
	}

	private static void requireTime(String text, String field) {
		try {
			LocalTime.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidAdminRequest(field, "must be a time of day HH:mm");
		}
	}

	/**
	 * A radio and what it does now.
	 *
	 * @param uuid the radio
	 * @param programmed whether it is being programmed
	 * @param masterStreamer the streamer broadcasting it, if any
	 * @param songId song on air
	 * @param filename its file
	 * @param playTime when it started
	 * @param songEndTime when it ends
	 * @param showId the show on air, if any
	 * @param listeners open listening sessions
	 */
	public record RadioStatus(String uuid, boolean programmed, @Nullable String masterStreamer,
			@Nullable String songId, @Nullable String filename, @Nullable Instant playTime,
			@Nullable Instant songEndTime, @Nullable String showId, long listeners) {
	}

	/**
	 * A freshly issued token: shown once.
	 *
	 * @param tokenId id to revoke it with (the token's SHA-256)
	 * @param token the token itself
	 * @param issuedAt when
	 */
	public record IssuedToken(String tokenId, String token, Instant issuedAt) {
	}

	/** A request that names an unknown reference or breaks a uniqueness rule; answered with 400 naming the field. */
	public static final class InvalidAdminRequest extends RuntimeException {

		private final String field;

		InvalidAdminRequest(String field, String message) {
			super(message);
			this.field = field;
		}

		public String field() {
			return this.field;
		}

	}

}
