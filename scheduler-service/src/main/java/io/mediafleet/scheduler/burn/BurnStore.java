package io.mediafleet.scheduler.burn;

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
 * <b>Parameters to control memory consumption</b>: at most {@code maxPending} documents wait; while that many wait,
 * {@link #isBacklogFull()} tells the farm to refuse new jobs (each job's documents are bounded by the farm's own
 * limits).
 */
final class BurnStore {

	private static final Log log = LogFactory.getLog(BurnStore.class);

	static final String JOBS = "burn_jobs";

	static final String BURNERS = "burn_burners";

	static final String IMAGES = "burn_images";

	/** How often waiting writes are tried again. */
	static final Duration RETRY_PERIOD = Duration.ofMillis(500);

	private static final Duration LOG_PERIOD = Duration.ofSeconds(10);

	private final MongoOperations mongo;

	private final int maxPending;

	/** Writes MongoDB has not taken yet, oldest first, one per document (guarded by this). */
	private final Map<Key, Document> pending = new LinkedHashMap<>();

	private final ScheduledExecutorService retrier;

	private long lastLog = System.nanoTime() - LOG_PERIOD.toNanos();

	BurnStore(MongoOperations mongo) {
		this(mongo, 10_000);
	}

	BurnStore(MongoOperations mongo, int maxPending) {
		if (maxPending < 1) {
			throw new IllegalArgumentException("maxPending must be positive: " + maxPending);
		}
		this.mongo = mongo;
		this.maxPending = maxPending;
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

	/** Whether so many writes wait for MongoDB that the farm should take no new job. */
	synchronized boolean isBacklogFull() {
		return this.pending.size() >= this.maxPending;
	}

	/** Tries the waiting writes once more, then stops retrying (at shutdown). */
	void close() {
		this.retrier.shutdownNow();
		retryPending();
		int left = pending();
		if (left > 0) {
			log.warn("Burn store closed with " + left + " write(s) MongoDB never took");
		}
	}

	private void save(String collection, Object id, Document doc) {
		Key key = new Key(collection, id);
		synchronized (this) {
			if (!this.pending.isEmpty()) {
				// Behind the writes already waiting: MongoDB is away, and this snapshot replaces any older one.
				this.pending.remove(key);
				this.pending.put(key, doc);
				return;
			}
		}
		try {
			this.mongo.save(doc, collection);
		}
		catch (RuntimeException ex) {
			synchronized (this) {
				this.pending.putIfAbsent(key, doc);
			}
			logFailure("waiting to write " + collection + " " + id, ex);
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
				}
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
