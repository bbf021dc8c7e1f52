package io.mediafleet.scheduler.burn;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Writes the burn farm's durable state to MongoDB: jobs with their history, burners (UID, name, type, verdict
 * statistics) and images.
 * <p>
 * A write MongoDB cannot take (it is down, frozen or refusing) is not an error for the farm: the document, a whole
 * snapshot of the job, burner or image, is kept and written again every {@link #RETRY_PERIOD} until MongoDB answers,
 * by a thread of its own. While some are waiting, new writes join them (the latest snapshot of a document replaces
 * the one waiting, so a document is never written older after newer), in the order they came. So a verdict that
 * arrives while MongoDB is away closes its job in memory at once (it is not burned again) and in MongoDB once it is
 * back, and the burner's session never sees the failure.
 * <p>
 * With a {@link BurnJournal} (the spool, {@code mediafleet.scheduler.burn.spool-dir}), a write that has to wait is
 * also appended to the spool file and forced to disk before {@code save} returns to the farm (so before the farm
 * acknowledges the change to anyone), and the spool is emptied once MongoDB has taken every waiting write. A scheduler
 * killed while writes wait finds them in the spool at its next start: they are written to MongoDB, in order, before
 * the farm loads its queue (the store's constructor), so a verdict that arrived is not burned again.
 * <p>
 * <b>Parameters to control memory consumption</b>: at most {@code maxPending} documents wait; while that many wait,
 * or the spool is more than half full, {@link #isBacklogFull()} tells the farm to refuse new jobs (each job's
 * documents are bounded by the farm's own limits). A write that finds the spool full stays in memory only (logged).
 */
final class BurnStore {

	private static final Log log = LogFactory.getLog(BurnStore.class);

	static final String JOBS = "burn_jobs";

	static final String BURNERS = "burn_burners";

	static final String IMAGES = "burn_images";

	/** How often waiting writes are tried again. */
	static final Duration RETRY_PERIOD = Duration.ofMillis(500);

	/** Documents waiting for MongoDB beyond which new jobs are refused. */
	static final int MAX_PENDING = 10_000;

	private static final Duration LOG_PERIOD = Duration.ofSeconds(10);

	private final MongoOperations mongo;

	private final int maxPending;

	/** Writes MongoDB has not taken yet, oldest first, one per document (guarded by this). */
	private final Map<Key, Document> pending = new LinkedHashMap<>();

	private final ScheduledExecutorService retrier;

	/** The spool of waiting writes on disk; {@code null}: in memory only (guarded by this). */
	private final @Nullable BurnJournal journal;

	private long lastLog = System.nanoTime() - LOG_PERIOD.toNanos();

	private long lastSpoolLog = System.nanoTime() - LOG_PERIOD.toNanos();

	/** Waiting writes in memory only (no spool). */
	BurnStore(MongoOperations mongo) {
		this(mongo, MAX_PENDING, null);
	}

	/**
	 * Writes what a previous run left in the spool to MongoDB first (in order), then empties it.
	 * @throws IllegalStateException when the spool cannot be read or MongoDB does not take its writes (the spool is
	 * kept for the next start: the farm cannot load its queue without MongoDB either)
	 */
	BurnStore(MongoOperations mongo, int maxPending, @Nullable BurnJournal journal) {
		if (maxPending < 1) {
			throw new IllegalArgumentException("maxPending must be positive: " + maxPending);
		}
		this.mongo = mongo;
		this.maxPending = maxPending;
		this.journal = journal;
		if (journal != null) {
			replay(journal);
		}
		this.retrier = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "burn-store-retry");
			thread.setDaemon(true);
			return thread;
		});
		this.retrier.scheduleWithFixedDelay(this::retryPending, RETRY_PERIOD.toMillis(), RETRY_PERIOD.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/** Writes waiting for MongoDB. */
	synchronized int pending() {
		return this.pending.size();
	}

	/** Whether so many writes wait for MongoDB (or fill the spool) that the farm should take no new job. */
	synchronized boolean isBacklogFull() {
		return this.pending.size() >= this.maxPending
				|| (this.journal != null && this.journal.size() > this.journal.maxBytes() / 2);
	}

	/** Tries the waiting writes once more, then stops retrying (at shutdown); the spool keeps what is left. */
	void close() {
		this.retrier.shutdownNow();
		retryPending();
		int left = pending();
		if (left > 0) {
			log.warn("Burn store closed with " + left + " write(s) MongoDB never took"
					+ ((this.journal != null) ? " (kept in " + this.journal.file() + " for the next start)" : ""));
		}
		synchronized (this) {
			if (this.journal != null) {
				try {
					this.journal.close();
				}
				catch (IOException ex) {
					log.warn("Could not close the burn spool " + this.journal.file() + ": " + ex);
				}
			}
		}
	}

	private void replay(BurnJournal spool) {
		List<BurnJournal.Entry> entries;
		try {
			entries = spool.read();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read the burn spool " + spool.file() + ": " + ex, ex);
		}
		if (entries.isEmpty()) {
			return;
		}
		for (BurnJournal.Entry entry : entries) {
			try {
				this.mongo.save(entry.document(), entry.collection());
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("MongoDB did not take the " + entries.size()
						+ " burn write(s) a previous run left in " + spool.file()
						+ " (kept there for the next start): " + ex, ex);
			}
		}
		try {
			spool.truncate();
		}
		catch (IOException ex) {
			// Kept, it would be written again at a later start, over newer states written directly meanwhile.
			throw new IllegalStateException("Could not empty the burn spool " + spool.file()
					+ " after writing it to MongoDB: " + ex, ex);
		}
		log.info("Wrote the " + entries.size() + " burn write(s) a previous run left in " + spool.file()
				+ " to MongoDB");
	}

	private void save(String collection, Object id, Document doc) {
		Key key = new Key(collection, id);
		synchronized (this) {
			if (!this.pending.isEmpty()) {
				// Behind the writes already waiting: MongoDB is away, and this snapshot replaces any older one.
				this.pending.remove(key);
				this.pending.put(key, doc);
				spool(key, doc);
				return;
			}
		}
		try {
			this.mongo.save(doc, collection);
		}
		catch (RuntimeException ex) {
			synchronized (this) {
				if (this.pending.putIfAbsent(key, doc) == null) {
					spool(key, doc);
				}
			}
			logFailure("waiting to write " + collection + " " + id, ex);
		}
	}

	/**
	 * Appends a waiting write to the spool, forced to disk; when it does not fit, the spool is rewritten with the
	 * waiting writes only; when even they do not fit (or the disk fails), the write waits in memory only.
	 */
	private void spool(Key key, Document doc) {
		if (this.journal == null) {
			return;
		}
		try {
			if (this.journal.append(new BurnJournal.Entry(key.collection(), doc))) {
				return;
			}
			List<BurnJournal.Entry> waiting = new ArrayList<>(this.pending.size());
			this.pending.forEach((k, d) -> waiting.add(new BurnJournal.Entry(k.collection(), d)));
			if (this.journal.rewrite(waiting)) {
				return;
			}
			logSpool("the spool is full (" + this.journal.size() + " of " + this.journal.maxBytes() + " bytes)");
		}
		catch (IOException | RuntimeException ex) {
			logSpool("the spool failed: " + ex);
		}
	}

	private void logSpool(String why) {
		long now = System.nanoTime();
		if (now - this.lastSpoolLog >= LOG_PERIOD.toNanos()) {
			this.lastSpoolLog = now;
			log.warn("Burn write kept in memory only, a kill before MongoDB takes it loses it: " + why);
		}
	}

	/** Writes the waiting documents in order until one fails (retry thread). */
	private void retryPending() {
		while (true) {
			Map.Entry<Key, Document> next;
			synchronized (this) {
				if (this.pending.isEmpty()) {
					return;
				}
				next = this.pending.entrySet().iterator().next();
				next = Map.entry(next.getKey(), next.getValue());
			}
			try {
				this.mongo.save(next.getValue(), next.getKey().collection());
			}
			catch (RuntimeException ex) {
				logFailure(pending() + " burn write(s) still waiting", ex);
				return;
			}
			synchronized (this) {
				// Only if no newer snapshot replaced it meanwhile (that one is written next).
				this.pending.remove(next.getKey(), next.getValue());
				if (this.pending.isEmpty()) {
					log.info("MongoDB took every waiting burn write");
					emptySpool();
				}
			}
		}
	}

	/** MongoDB took every waiting write (under this lock, so no write is spooled meanwhile). */
	private void emptySpool() {
		if (this.journal == null) {
			return;
		}
		try {
			this.journal.truncate();
		}
		catch (IOException ex) {
			// Kept, it would be written again at the next start, over newer states written directly meanwhile.
			try {
				this.journal.close();
				java.nio.file.Files.deleteIfExists(this.journal.file());
				log.warn("Could not empty the burn spool " + this.journal.file() + " (" + ex + "); deleted it");
			}
			catch (IOException deleteFailed) {
				log.error("Could not empty nor delete the burn spool " + this.journal.file() + " (" + ex + ", "
						+ deleteFailed + "); delete it before the next start, or older burn states are written "
						+ "over newer ones then");
			}
		}
	}

	private synchronized void logFailure(String what, RuntimeException ex) {
		long now = System.nanoTime();
		if (now - this.lastLog >= LOG_PERIOD.toNanos()) {
			this.lastLog = now;
			log.warn("MongoDB did not take a burn write (" + what + "; retried every " + RETRY_PERIOD.toMillis()
					+ " ms): " + ex);
		}
	}

	private record Key(String collection, Object id) {
	}

	void saveJob(Job job) {
		Document doc = new Document("_id", job.id).append("hash", job.hash)
			.append("priority", job.priority)
			.append("copies", job.copies)
			.append("passed", job.passed)
			.append("status", job.status.name())
			.append("burners", new ArrayList<>(job.burners))
			.append("queued_at", Date.from(job.queuedAt));
		List<Document> history = new ArrayList<>();
		for (Job.Entry entry : job.history) {
			history.add(new Document("at", Date.from(entry.at())).append("event", entry.event())
				.append("burner", entry.burner())
				.append("detail", entry.detail()));
		}
		doc.append("history", history);
		save(JOBS, job.id, doc);
	}

	List<Job> loadOpenJobs() {
		Query open = new Query(Criteria.where("status").in(Job.Status.QUEUED.name(), Job.Status.BURNING.name()));
		List<Job> jobs = new ArrayList<>();
		for (Document doc : this.mongo.find(open, Document.class, JOBS)) {
			Job job = new Job(((Number) doc.get("_id")).longValue(), doc.getString("hash"), doc.getInteger("priority"),
					doc.getInteger("copies"), doc.getDate("queued_at").toInstant());
			job.passed = doc.getInteger("passed", 0);
			job.status = Job.Status.valueOf(doc.getString("status"));
			job.burners.addAll(doc.getList("burners", String.class, List.of()));
			for (Document entry : doc.getList("history", Document.class, List.of())) {
				job.history.add(new Job.Entry(entry.getDate("at").toInstant(), entry.getString("event"),
						entry.getString("burner"), entry.getString("detail")));
			}
			jobs.add(job);
		}
		return jobs;
	}

	long maxJobId() {
		Query query = new Query().with(org.springframework.data.domain.Sort.by(
				org.springframework.data.domain.Sort.Direction.DESC, "_id")).limit(1);
		Document last = this.mongo.findOne(query, Document.class, JOBS);
		return (last != null) ? ((Number) last.get("_id")).longValue() : 0;
	}

	/** A burner's name, type and verdict statistics. */
	void saveBurner(BurnFarm.Burner burner) {
		List<Document> recent = new ArrayList<>();
		for (BurnFarm.VerdictAt verdict : burner.recent) {
			recent.add(new Document("at", Date.from(verdict.at())).append("verdict", verdict.verdict().name())
				.append("hash", verdict.hash()));
		}
		save(BURNERS, burner.uid, new Document("_id", burner.uid).append("name", burner.name)
			.append("type", (burner.type != null) ? burner.type : "")
			.append("passed", burner.passed)
			.append("failed", burner.failed)
			.append("recent_verdicts", recent));
	}

	List<Document> loadBurners() {
		return this.mongo.findAll(Document.class, BURNERS);
	}

	void saveImage(ImageInfo image) {
		save(IMAGES, image.hash(), new Document("_id", image.hash()).append("file_name", image.fileName())
			.append("description", image.description())
			.append("size_bytes", image.sizeBytes()));
	}

	List<ImageInfo> loadImages() {
		List<ImageInfo> images = new ArrayList<>();
		for (Document doc : this.mongo.findAll(Document.class, IMAGES)) {
			Number size = (Number) doc.get("size_bytes");
			images.add(new ImageInfo(doc.getString("_id"), doc.getString("file_name"),
					doc.getString("description"), (size != null) ? size.longValue() : -1));
		}
		return images;
	}

	/** What the farm knows about one ISO image; {@code sizeBytes} is -1 when unknown (TCP burners do not say). */
	record ImageInfo(String hash, String fileName, String description, long sizeBytes) {
	}

}
