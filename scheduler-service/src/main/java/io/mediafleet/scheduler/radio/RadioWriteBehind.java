package io.mediafleet.scheduler.radio;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.io.BasicOutputBuffer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;


/**
 * Writes what the radio loop decided to MongoDB and Redis behind the loop, in batches, on its own threads, so the
 * loop never waits for a database round trip: committed programming state, the messages to publish, listener,
 * streamer and song-play bookkeeping.
 * <p>
 * Order: commits and publishes have a queue and a thread of their own (the urgent lane), so they never wait behind
 * bookkeeping, which has another (each run of consecutive writes to one collection as one bulk operation); messages
 * that announce no state (pings) have a third, so a ping round's thousand messages never hold back a play. Plays whose
 * commit is already written (committed ahead of their time) have a fourth, the announcer lane: they pass the commits
 * queued on the urgent lane since, but a message of either lane waits until the other has published what was queued
 * there before it, so messages leave in the order the loop sent them. On the
 * urgent lane the writes go in segments, in the order queued: a run of them whose commits hold at most
 * {@code maxBatch} documents has its commits merged into one bulk write (one document per radio), then its messages
 * published in one pipeline. So a {@code play} leaves only once the state that announces it is in MongoDB, and a
 * crash can lose a queued commit together with the messages behind it, never send a play whose event would run again
 * after a restart; and a burst of plays (every radio due at once) is written and announced piece by piece, with two
 * round trips per piece. A listener session opened and closed within one batch becomes a single insert. A failed step
 * is retried, never an earlier one, so nothing is published twice. A {@link #barrier()} waits for every lane.
 * <p>
 * <b>Parameters to control memory consumption</b>: {@code maxPending} bounds each lane's queue; when one is full the
 * loop waits (back-pressure, counted as a stall), so its own intake limit drops new messages instead of a queue
 * growing. {@code maxBatch} bounds one bulk write of bookkeeping, and the programming documents of one segment
 * (a single larger commit is still written whole).
 */
final class RadioWriteBehind {

	private static final Log log = LogFactory.getLog(RadioWriteBehind.class);

	/** A MongoDB write in progress longer than this counts as hanging (see {@link #isTroubled}). */
	static final Duration STUCK_AFTER = Duration.ofSeconds(2);

	/** A failed batch is retried after this long, until it succeeds or the writer stops. */
	static final Duration RETRY_DELAY = Duration.ofMillis(500);

	private static final Duration POLL = Duration.ofMillis(100);

	/** Longest a message waits for the other lane to publish the messages queued before it. */
	static final Duration ORDER_WAIT = Duration.ofSeconds(5);

	private static final Duration ORDER_POLL = Duration.ofNanos(50_000);

	private static final int DUPLICATE_KEY = 11000;

	private static final int MAX_REMEMBERED_DUPLICATES = 10_000;

	private static final InsertManyOptions UNORDERED_INSERT = new InsertManyOptions().ordered(false);

	private static final BulkWriteOptions UNORDERED_BULK = new BulkWriteOptions().ordered(false);

	/**
	 * A closed session's document: about 170 bytes with the bench's ids, ~190 with uuid radio ids; the buffer grows
	 * when needed.
	 */
	private static final int SESSION_DOCUMENT_BYTES = 192;

	private final MongoTemplate mongo;

	private final RadioMetrics metrics;

	/** Listener, streamer and song-play bookkeeping, and barriers. */
	private final Lane bookkeeping;

	/** Programming commits and the messages that follow them, and barriers. */
	private final Lane urgent;

	/** Messages that announce no state (pings): published as they come, never behind a commit. */
	private final Lane unordered;

	/**
	 * Plays whose commit is already in MongoDB (committed ahead of their time): they pass the commits queued on the
	 * urgent lane, never a message queued there before them (see {@link #publishAnnounced}).
	 */
	private final Lane announcer;

	/** Commits queued (loop thread) and, of those, written (urgent lane), in queue order. */
	private long commitsQueued;

	private volatile long commitsWritten;

	// Messages queued on the urgent and the announcer lane (loop thread) and published (each lane's thread): a
	// message of one lane waits until the other lane has published what was queued there before it.

	private long urgentQueued;

	private final AtomicLong urgentPublished = new AtomicLong();

	private long announcesQueued;

	private final AtomicLong announcesPublished = new AtomicLong();

	private final int maxBatch;

	private volatile boolean stopping;

	private long lastPublishLog;

	/** Ids whose insert failed as a duplicate, so their close is skipped; bounded, oldest forgotten first. */
	private final Map<String, Boolean> duplicateIds = new LinkedHashMap<>(16, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
			return size() > MAX_REMEMBERED_DUPLICATES;
		}

	};

	RadioWriteBehind(MongoTemplate mongo, RadioMetrics metrics, int maxPending, int maxBatch) {
		if (maxPending < 1 || maxBatch < 1) {
			throw new IllegalArgumentException("maxPending and maxBatch must be positive");
		}
		this.mongo = mongo;
		this.metrics = metrics;
		this.maxBatch = maxBatch;
		this.bookkeeping = new Lane("radio-writer", maxPending, maxBatch);
		// Every commit and publish queued is taken at once: segments bound what one bulk write holds.
		this.urgent = new Lane("radio-committer", maxPending, Integer.MAX_VALUE);
		this.unordered = new Lane("radio-publisher", maxPending, Integer.MAX_VALUE);
		this.announcer = new Lane("radio-announcer", maxPending, Integer.MAX_VALUE);
		metrics.writeQueue(this::pending);
	}

	void start() {
		this.urgent.thread.start();
		this.unordered.thread.start();
		this.announcer.thread.start();
		this.bookkeeping.thread.start();
	}

	/**
	 * Writes everything queued before this call, then stops (or gives up after {@code max}); returns how many writes
	 * were still queued then (lost). The lanes are woken, so an idle writer stops at once, not at its next poll.
	 */
	int stop(Duration max) {
		this.stopping = true;
		long deadline = System.nanoTime() + max.toNanos();
		List<Lane> lanes = List.of(this.urgent, this.announcer, this.unordered, this.bookkeeping);
		for (Lane lane : lanes) {
			LockSupport.unpark(lane.thread);
		}
		try {
			for (Lane lane : lanes) {
				long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
				lane.thread.join(left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		int lost = pending();
		if (lost > 0) {
			log.warn(lost + " radio write(s) not written at shutdown");
		}
		return lost;
	}

	/** Number of writes waiting. */
	int pending() {
		return this.bookkeeping.queue.size() + this.urgent.queue.size() + this.unordered.queue.size()
				+ this.announcer.queue.size();
	}

	/**
	 * Queues committed programming state; written before everything queued after it. Returns its number, for
	 * {@link #isWritten(long)} (loop thread only).
	 */
	long commit(ProgrammingWrites writes) {
		long number = ++this.commitsQueued;
		enqueue(new Commit(writes, number));
		return number;
	}

	/** Whether the commit numbered {@code commit} (and every one before it) is in MongoDB. */
	boolean isWritten(long commit) {
		return this.commitsWritten >= commit;
	}

	/**
	 * Queues messages whose state is already in MongoDB ({@link #isWritten(long)}): published on a lane of their own,
	 * so they do not wait for the commits queued since (a burst of other radios' STARTs), but never before a message
	 * queued on the urgent lane before them, and the urgent lane's later messages never before them: messages still
	 * leave in the order the loop sent them. Consecutive ones go out in one pipeline, then {@code afterPublish} runs.
	 */
	void publishAnnounced(Consumer<List<byte[][]>> sender, List<byte[][]> messages, @Nullable Runnable afterPublish) {
		this.announcesQueued++;
		enqueue(this.announcer, new PublishMessages(sender, messages, afterPublish, this.urgentQueued));
	}

	/** Queues a publish, run once everything queued before it is written. */
	void publish(Runnable publish) {
		this.urgentQueued++;
		enqueue(new Publish(publish, this.announcesQueued));
	}

	/**
	 * Queues messages to publish once everything queued before them is written; consecutive ones go out together
	 * in one call of {@code sender} (one pipelined round trip), then each {@code afterPublish} runs.
	 */
	void publish(Consumer<List<byte[][]>> sender, List<byte[][]> messages, @Nullable Runnable afterPublish) {
		this.urgentQueued++;
		enqueue(new PublishMessages(sender, messages, afterPublish, this.announcesQueued));
	}

	/** Queues messages that wait for no commit (pings); published in order among themselves, in one pipeline. */
	void publishUnordered(Consumer<List<byte[][]>> sender, List<byte[][]> messages) {
		enqueue(this.unordered, new PublishMessages(sender, messages, null, 0));
	}

	void sessionOpened(ListenerSession session) {
		enqueue(new SessionOpened(session));
	}

	void sessionClosed(ListenerSession closed) {
		enqueue(new SessionClosed(closed));
	}

	void streamerSaved(Streamer streamer) {
		enqueue(new StreamerSaved(streamer, true));
	}

	/** Updates a streamer's ping status if it is still registered (never resurrects a deleted one). */
	void streamerStatus(Streamer streamer) {
		enqueue(new StreamerSaved(streamer, false));
	}

	void streamerDeleted(String name) {
		enqueue(new StreamerDeleted(name));
	}

	/** Records a song start for the random-play rules: bookkeeping, queued behind the loop like sessions. */
	void songPlayed(SongPlay play) {
		enqueue(new SongPlayed(play));
	}

	/** Completes once every write queued before it is in MongoDB (admin reads see what the loop did). */
	CompletableFuture<Void> barrier() {
		CompletableFuture<Void> programming = new CompletableFuture<>();
		CompletableFuture<Void> published = new CompletableFuture<>();
		CompletableFuture<Void> bookkept = new CompletableFuture<>();
		CompletableFuture<Void> announced = new CompletableFuture<>();
		enqueue(this.announcer, new Barrier(announced));
		enqueue(this.urgent, new Barrier(programming));
		enqueue(this.unordered, new Barrier(published));
		enqueue(this.bookkeeping, new Barrier(bookkept));
		return CompletableFuture.allOf(programming, published, bookkept, announced);
	}

	/**
	 * Queues a write; when the queue is full the caller (the loop) waits: back-pressure instead of unbounded memory.
	 * Only a stopped writer drops writes (counted).
	 */
	private void enqueue(Write write) {
		enqueue((write instanceof Commit || isPublish(write)) ? this.urgent : this.bookkeeping, write);
	}

	private void enqueue(Lane lane, Write write) {
		BlockingQueue<Write> target = lane.queue;
		if (target.offer(write)) {
			LockSupport.unpark(lane.thread);
			return;
		}
		this.metrics.writeStalled();
		LockSupport.unpark(lane.thread);
		try {
			while (!target.offer(write, 1, TimeUnit.SECONDS)) {
				if (lane.finished) {
					this.metrics.writeDropped();
					return;
				}
				long now = System.nanoTime();
				if (now - lane.lastStallLog > RadioLoop.LOG_PERIOD.toNanos()) {
					lane.lastStallLog = now;
					log.warn("Radio writes are " + target.size() + " behind on " + lane.thread.getName()
							+ "; the radio loop waits for MongoDB");
				}
			}
			LockSupport.unpark(lane.thread);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.metrics.writeDropped();
		}
	}

	/**
	 * Whether MongoDB is holding the writer up: a batch of the lanes that write MongoDB first (bookkeeping, commits)
	 * failed and waits for its retry, or has been in progress longer than {@link #STUCK_AFTER}. Admin requests that
	 * wait for the writer ask this to answer 503 at once instead of waiting out their limit.
	 */
	boolean isTroubled(long now) {
		for (Lane lane : new Lane[] { this.bookkeeping, this.urgent }) {
			if (lane.failing || (lane.writing && now - lane.writingSince > STUCK_AFTER.toNanos())) {
				return true;
			}
		}
		return false;
	}

	private void writeUntilStopped(Lane lane) {
		List<Write> batch = new ArrayList<>();
		while (true) {
			batch.clear();
			// Read before draining: a lane that read the flag only after finding its queue empty could exit with a
			// write queued in between (the last session close before a stop, say). Read first, every write queued
			// before stop() is in the queue it then drains.
			boolean stop = this.stopping;
			lane.queue.drainTo(batch, lane.maxTaken);
			if (batch.isEmpty()) {
				if (stop) {
					return;
				}
				// Woken by the next enqueue; polled rather than blocked, so stopping never interrupts a write.
				LockSupport.parkNanos(this, POLL.toNanos());
				if (Thread.interrupted()) {
					return;
				}
				continue;
			}
			Progress progress = new Progress();
			while (true) {
				try {
					long started = System.nanoTime();
					lane.writingSince = started;
					lane.writing = true;
					apply(batch, progress);
					lane.writing = false;
					lane.failing = false;
					this.metrics.written(batch.size(), System.nanoTime() - started);
					break;
				}
				catch (RuntimeException ex) {
					lane.writing = false;
					lane.failing = true;
					log.error("Writing " + batch.size() + " radio write(s) failed; retrying the failed step in "
							+ RETRY_DELAY, ex);
					this.metrics.writeFailed();
					if (this.stopping) {
						// One last try at shutdown, then give up on this batch.
						tryOnce(batch, progress);
						break;
					}
					try {
						Thread.sleep(RETRY_DELAY.toMillis());
					}
					catch (InterruptedException interrupted) {
						return;
					}
				}
			}
		}
	}

	private void tryOnce(List<Write> batch, Progress progress) {
		try {
			apply(batch, progress);
		}
		catch (RuntimeException ex) {
			log.error("Lost " + batch.size() + " radio bookkeeping write(s) at shutdown", ex);
		}
	}

	/**
	 * Applies a batch. Commits and publishes (at the front) go in segments: the longest run of them whose commits
	 * hold at most {@code maxBatch} documents (at least one commit) has its commits merged into one bulk write per
	 * collection, then its publishes go out, consecutive messages in one pipeline. So each publish follows the
	 * commits queued before it, and a burst of due events is written and announced piece by piece: its first plays
	 * leave once their piece is in MongoDB instead of waiting for the whole burst. The rest (bookkeeping) follows in
	 * order, each run of consecutive writes to one collection as one bulk operation. {@code progress} records what
	 * is done, so a retry resumes with the failed step.
	 */
	private void apply(List<Write> batch, Progress progress) {
		while (progress.next < batch.size()) {
			Write write = batch.get(progress.next);
			if (write instanceof Commit || isPublish(write)) {
				int end = progress.segmentEnd;
				if (end <= progress.next) {
					end = segmentEnd(batch, progress.next);
					progress.segmentEnd = end;
				}
				if (!progress.segmentCommitted) {
					// A fresh merge each time: a retry writes exactly the same documents again (replaces and removes
					// by id, harmless twice) and leaves the queued commits untouched.
					ProgrammingWrites merged = new ProgrammingWrites();
					for (Write each : batch.subList(progress.next, end)) {
						if (each instanceof Commit commit) {
							merged.merge(commit.writes());
						}
					}
					if (!merged.isEmpty()) {
						merged.apply(this.mongo);
					}
					long written = 0;
					for (Write each : batch.subList(progress.next, end)) {
						if (each instanceof Commit commit) {
							written = commit.number();
						}
					}
					if (written > 0) {
						this.commitsWritten = written;
					}
					progress.segmentCommitted = true;
				}
				publishSegment(batch.subList(progress.next, end));
				progress.next = end;
				progress.segmentCommitted = false;
				continue;
			}
			int end = progress.next + 1;
			while (end < batch.size() && sameRun(write, batch.get(end))) {
				end++;
			}
			List<Write> run = batch.subList(progress.next, end);
			switch (write) {
				case Commit w -> throw new IllegalStateException("written above");
				case Publish w -> throw new IllegalStateException("published above");
				case PublishMessages w -> throw new IllegalStateException("published above");
				case SessionOpened w -> writeSessions(run);
				case SessionClosed w -> writeSessions(run);
				case StreamerSaved w -> writeStreamers(run);
				case StreamerDeleted w -> writeStreamers(run);
				case SongPlayed w -> writeSongPlays(run);
				case Barrier w -> {
					for (Write each : run) {
						((Barrier) each).done().complete(null);
					}
				}
			}
			progress.next = end;
		}
	}

	/** End (exclusive) of the segment of commits and publishes starting at {@code start}. */
	private int segmentEnd(List<Write> batch, int start) {
		int documents = 0;
		boolean anyCommit = false;
		int end = start;
		while (end < batch.size()) {
			Write write = batch.get(end);
			if (write instanceof Commit commit) {
				if (anyCommit && documents + commit.writes().size() > this.maxBatch) {
					break;
				}
				documents += commit.writes().size();
				anyCommit = true;
			}
			else if (!isPublish(write)) {
				break;
			}
			end++;
		}
		return end;
	}

	/** Publishes a segment's messages in order, consecutive ones in one pipeline; never retried (no duplicates). */
	private void publishSegment(List<Write> segment) {
		int i = 0;
		while (i < segment.size()) {
			Write write = segment.get(i);
			if (write instanceof Publish publish) {
				awaitOtherLane(publish.otherLaneBefore());
				publish(List.of(publish));
				published(1);
				i++;
			}
			else if (write instanceof PublishMessages first) {
				// Consecutive messages of the segment in one pipeline (the commits between them are already written),
				// as long as the other lane queued nothing in between: a group that spanned such a message would wait
				// for it while it waits for the group's first message.
				int end = i + 1;
				List<byte[][]> messages = new ArrayList<>(first.messages());
				List<PublishMessages> group = new ArrayList<>();
				group.add(first);
				while (end < segment.size() && (segment.get(end) instanceof Commit
						|| (segment.get(end) instanceof PublishMessages next && next.sender() == first.sender()
								&& next.otherLaneBefore() == first.otherLaneBefore()))) {
					if (segment.get(end) instanceof PublishMessages next) {
						messages.addAll(next.messages());
						group.add(next);
					}
					end++;
				}
				awaitOtherLane(group.get(group.size() - 1).otherLaneBefore());
				try {
					first.sender().accept(messages);
				}
				catch (RuntimeException ex) {
					publishFailed(ex, group.size());
					published(group.size());
					i = end;
					continue;
				}
				published(group.size());
				for (PublishMessages each : group) {
					Runnable after = each.afterPublish();
					if (after != null) {
						after.run();
					}
				}
				i = end;
			}
			else {
				i++;
			}
		}
	}

	/**
	 * Before a message of the urgent or the announcer lane leaves: waits until the other lane has published the
	 * messages queued there before it (each lane waits only for earlier messages of the other, so they never wait
	 * for each other). Bounded, so a stuck lane delays the other's messages, never holds them forever.
	 */
	private void awaitOtherLane(long before) {
		boolean announcer = Thread.currentThread() == this.announcer.thread;
		boolean urgent = Thread.currentThread() == this.urgent.thread;
		if (!announcer && !urgent) {
			return;
		}
		AtomicLong other = announcer ? this.urgentPublished : this.announcesPublished;
		long deadline = System.nanoTime() + ORDER_WAIT.toNanos();
		while (other.get() < before) {
			if (System.nanoTime() - deadline > 0) {
				log.warn("Radio messages: gave up waiting " + ORDER_WAIT + " for the "
						+ (announcer ? "urgent" : "announcer") + " lane; publishing out of order");
				return;
			}
			LockSupport.parkNanos(this, ORDER_POLL.toNanos());
		}
	}

	/** Counts messages of the urgent or announcer lane as published (or failed: they never leave later). */
	private void published(int count) {
		if (Thread.currentThread() == this.announcer.thread) {
			this.announcesPublished.addAndGet(count);
		}
		else if (Thread.currentThread() == this.urgent.thread) {
			this.urgentPublished.addAndGet(count);
		}
	}

	private static boolean isPublish(Write write) {
		return write instanceof Publish || write instanceof PublishMessages;
	}

	private void publishFailed(RuntimeException ex, int count) {
		// Pub/sub keeps nothing for later either: counted and logged, never retried (no duplicates).
		for (int i = 0; i < count; i++) {
			this.metrics.publishFailed();
		}
		long now = System.nanoTime();
		if (now - this.lastPublishLog > RadioLoop.LOG_PERIOD.toNanos()) {
			this.lastPublishLog = now;
			log.warn("Publishing radio messages to Redis failed: " + ex);
		}
	}

	private void publish(List<Write> run) {
		for (Write write : run) {
			try {
				((Publish) write).publish().run();
			}
			catch (RuntimeException ex) {
				publishFailed(ex, 1);
			}
		}
	}

	private static boolean sameRun(Write a, Write b) {
		return a.getClass().equals(b.getClass()) || (isSession(a) && isSession(b))
				|| (isStreamer(a) && isStreamer(b));
	}

	private static boolean isSession(Write write) {
		return write instanceof SessionOpened || write instanceof SessionClosed;
	}

	private static boolean isStreamer(Write write) {
		return write instanceof StreamerSaved || write instanceof StreamerDeleted;
	}

	private void writeSessions(List<Write> run) {
		// Opened in this run: inserted once, closed or not. Opened earlier: closed by an update of the open document.
		Map<String, ListenerSession> inserts = new LinkedHashMap<>();
		Map<String, ListenerSession> closes = new LinkedHashMap<>();
		for (Write write : run) {
			if (write instanceof SessionOpened opened) {
				inserts.putIfAbsent(opened.session().sessionId(), opened.session());
			}
			else if (write instanceof SessionClosed closed) {
				String id = closed.session().sessionId();
				if (inserts.containsKey(id)) {
					inserts.put(id, closed.session());
				}
				else {
					closes.put(id, closed.session());
				}
			}
		}
		MongoCollection<Document> collection = this.mongo.getCollection(ListenerSession.COLLECTION);
		if (!inserts.isEmpty()) {
			List<ListenerSession> inserted = new ArrayList<>(inserts.values());
			List<RawBsonDocument> documents = new ArrayList<>(inserted.size());
			for (ListenerSession session : inserted) {
				documents.add(toDocument(session));
			}
			try {
				collection.withDocumentClass(RawBsonDocument.class).insertMany(documents, UNORDERED_INSERT);
			}
			catch (MongoBulkWriteException ex) {
				for (BulkWriteError error : ex.getWriteErrors()) {
					if (error.getCode() != DUPLICATE_KEY) {
						throw ex;
					}
					// A session id used before (ids are unique for all time): the first session's record is kept,
					// and this session's close must not overwrite it.
					this.duplicateIds.put(inserted.get(error.getIndex()).sessionId(), Boolean.TRUE);
				}
				this.metrics.duplicateSessions(ex.getWriteErrors().size());
			}
		}
		if (!closes.isEmpty()) {
			List<WriteModel<Document>> updates = new ArrayList<>(closes.size());
			for (ListenerSession closed : closes.values()) {
				if (this.duplicateIds.remove(closed.sessionId()) != null) {
					continue;
				}
				// By id alone: an update that also filters on "open" makes mongo-java-server scan the collection.
				Document set = new Document("open", false).append("endedAt", date(closed.endedAt()))
					.append("durationSeconds", closed.durationSeconds());
				updates.add(new UpdateOneModel<>(new Document("_id", closed.sessionId()), new Document("$set", set)));
			}
			if (!updates.isEmpty()) {
				collection.bulkWrite(updates, UNORDERED_BULK);
			}
		}
	}

	/**
	 * A session as the document {@link MongoTemplate} would write for {@link ListenerSession} (field names, dates,
	 * null fields left out), encoded here straight to BSON without the mapping layer or the driver's codec registry:
	 * at 40,000 listener messages per second both cost (encoding through the registry, a lookup per value, was two
	 * fifths of the writer's time in a profile). No {@code _class} field: sessions are only ever read back as
	 * {@link ListenerSession}, which needs no type hint.
	 */
	static RawBsonDocument toDocument(ListenerSession session) {
		BasicOutputBuffer buffer = new BasicOutputBuffer(SESSION_DOCUMENT_BYTES);
		try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
			writer.writeStartDocument();
			writer.writeString("_id", session.sessionId());
			writer.writeString("radioUuid", session.radioUuid());
			if (session.userId() != null) {
				writer.writeString("userId", session.userId());
			}
			writer.writeString("streamer", session.streamer());
			writer.writeDateTime("startedAt", session.startedAt().toEpochMilli());
			if (session.endedAt() != null) {
				writer.writeDateTime("endedAt", session.endedAt().toEpochMilli());
			}
			if (session.durationSeconds() != null) {
				writer.writeDouble("durationSeconds", session.durationSeconds());
			}
			writer.writeBoolean("open", session.open());
			writer.writeEndDocument();
		}
		return new RawBsonDocument(buffer.getInternalBuffer(), 0, buffer.getPosition());
	}

	private static @Nullable Date date(@Nullable Instant instant) {
		return (instant != null) ? Date.from(instant) : null;
	}

	private void writeSongPlays(List<Write> run) {
		// The latest start per radio and song: one upsert each.
		Map<String, SongPlay> latest = new LinkedHashMap<>();
		for (Write write : run) {
			SongPlay play = ((SongPlayed) write).play();
			latest.put(play.id(), play);
		}
		BulkOperations bulk = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, SongPlay.class);
		for (SongPlay play : latest.values()) {
			bulk.replaceOne(RadioStore.byId(play.id()), play, FindAndReplaceOptions.options().upsert());
		}
		bulk.execute();
	}

	private void writeStreamers(List<Write> run) {
		BulkOperations bulk = this.mongo.bulkOps(BulkOperations.BulkMode.ORDERED, Streamer.class);
		for (Write write : run) {
			if (write instanceof StreamerSaved saved) {
				FindAndReplaceOptions options = saved.upsert() ? FindAndReplaceOptions.options().upsert()
						: FindAndReplaceOptions.none();
				bulk.replaceOne(RadioStore.byId(saved.streamer().name()), saved.streamer(), options);
			}
			else if (write instanceof StreamerDeleted deleted) {
				bulk.remove(RadioStore.byId(deleted.name()));
			}
		}
		bulk.execute();
	}

	/**
	 * A queue of writes and the thread that writes them. Two lanes, so that a commit never waits behind a bulk of
	 * bookkeeping being written (a thousand listener sessions or streamer statuses take 30-250 ms in
	 * mongo-java-server): a play then leaves as soon as its own commit is written.
	 */
	private final class Lane {

		final BlockingQueue<Write> queue;

		final int maxTaken;

		final Thread thread;

		volatile boolean finished;

		/** A batch is being applied, since {@link #writingSince} ({@code System.nanoTime()}). */
		volatile boolean writing;

		volatile long writingSince;

		/** The last attempt at the current batch failed; cleared when a batch goes through. */
		volatile boolean failing;

		long lastStallLog;

		Lane(String name, int capacity, int maxTaken) {
			this.queue = new ArrayBlockingQueue<>(capacity);
			this.maxTaken = maxTaken;
			this.thread = new Thread(() -> {
				try {
					writeUntilStopped(this);
				}
				finally {
					this.finished = true;
				}
			}, name);
			this.thread.setDaemon(true);
		}

	}

	/** One queued write. */
	private sealed interface Write {

	}

	/** How far a batch got, so that a retry resumes after the last step that succeeded. */
	private static final class Progress {

		int next;

		/** End of the segment of commits and publishes starting at {@code next}, once computed. */
		int segmentEnd;

		boolean segmentCommitted;

	}

	private record Commit(ProgrammingWrites writes, long number) implements Write {
	}

	/** {@code otherLaneBefore}: messages queued on the announcer lane before this one. */
	private record Publish(Runnable publish, long otherLaneBefore) implements Write {
	}

	/** {@code otherLaneBefore}: messages queued on the other lane (urgent / announcer) before these. */
	private record PublishMessages(Consumer<List<byte[][]>> sender, List<byte[][]> messages,
			@Nullable Runnable afterPublish, long otherLaneBefore) implements Write {
	}

	private record SessionOpened(ListenerSession session) implements Write {
	}

	private record SessionClosed(ListenerSession session) implements Write {
	}

	private record StreamerSaved(Streamer streamer, boolean upsert) implements Write {
	}

	private record StreamerDeleted(String name) implements Write {
	}

	private record SongPlayed(SongPlay play) implements Write {
	}

	private record Barrier(CompletableFuture<Void> done) implements Write {
	}

}
