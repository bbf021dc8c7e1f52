package io.mediafleet.scheduler.burn;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Writes the burn farm's durable state to MongoDB: jobs with their history, burners (UID, name, type, verdict
 * statistics) and images.
 */
final class BurnStore {

	static final String JOBS = "burn_jobs";

	static final String BURNERS = "burn_burners";

	static final String IMAGES = "burn_images";

	private final MongoOperations mongo;

	BurnStore(MongoOperations mongo) {
		this.mongo = mongo;
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
		this.mongo.save(doc, JOBS);
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
		this.mongo.save(new Document("_id", burner.uid).append("name", burner.name)
			.append("type", (burner.type != null) ? burner.type : "")
			.append("passed", burner.passed)
			.append("failed", burner.failed)
			.append("recent_verdicts", recent), BURNERS);
	}

	List<Document> loadBurners() {
		return this.mongo.findAll(Document.class, BURNERS);
	}

	void saveImage(ImageInfo image) {
		this.mongo.save(new Document("_id", image.hash()).append("file_name", image.fileName())
			.append("description", image.description())
			.append("size_bytes", image.sizeBytes()), IMAGES);
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
