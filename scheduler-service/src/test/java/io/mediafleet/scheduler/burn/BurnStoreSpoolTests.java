package io.mediafleet.scheduler.burn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The burn store with its spool, against a MongoDB stand-in that is up or down: waiting writes are on disk before
 * {@code save} returns, the spool is emptied once MongoDB took them, and a new store writes what an old one left
 * before anything else.
 */
class BurnStoreSpoolTests {

	@TempDir
	Path directory;

	private final List<BurnStore> stores = new CopyOnWriteArrayList<>();

	/** A MongoDB stand-in: refuses every write while {@code down}, else records it ("collection/_id/status"). */
	private static MongoOperations mongo(AtomicBoolean down, List<String> written) {
		MongoOperations mongo = Mockito.mock(MongoOperations.class);
		Mockito.when(mongo.save(ArgumentMatchers.any(Document.class), ArgumentMatchers.anyString()))
			.thenAnswer((call) -> {
				if (down.get()) {
					throw new DataAccessResourceFailureException("MongoDB is down (stand-in)");
				}
				Document doc = call.getArgument(0);
				written.add(call.getArgument(1) + "/" + doc.get("_id") + "/" + doc.get("status"));
				return doc;
			});
		return mongo;
	}

	private BurnStore store(MongoOperations mongo, long maxSpoolBytes) {
		BurnStore store = new BurnStore(mongo, BurnStore.MAX_PENDING, new BurnJournal(this.directory, maxSpoolBytes));
		this.stores.add(store);
		return store;
	}

	private static Job job(long id, Job.Status status) {
		Job job = new Job(id, "d41d8cd98f00b204e9800998ecf8427e", 5, 1, Instant.parse("2026-12-07T00:00:00Z"));
		job.status = status;
		job.record(Instant.parse("2026-12-07T00:00:01Z"), status.name().toLowerCase(), null, null);
		return job;
	}

	private List<String> spooled() throws IOException {
		return new BurnJournal(this.directory, 1 << 20).read()
			.stream()
			.map((entry) -> entry.collection() + "/" + entry.id() + "/" + entry.document().get("status"))
			.toList();
	}

	private long spoolBytes() throws IOException {
		Path file = this.directory.resolve(BurnJournal.FILE_NAME);
		return Files.exists(file) ? Files.size(file) : 0;
	}

	@org.junit.jupiter.api.AfterEach
	void closeStores() {
		this.stores.forEach(BurnStore::close);
	}

	@Test
	void aWriteMongoDbCannotTakeIsOnDiskWhenSaveReturnsAndTheSpoolIsEmptiedOnceMongoDbTookIt() throws IOException {
		AtomicBoolean down = new AtomicBoolean(true);
		List<String> written = new CopyOnWriteArrayList<>();
		BurnStore store = store(mongo(down, written), 1 << 20);
		store.saveJob(job(1, Job.Status.QUEUED));
		store.saveJob(job(1, Job.Status.DONE));
		assertThat(spooled()).containsExactly("burn_jobs/1/DONE");
		assertThat(store.pending()).isEqualTo(1);

		down.set(false);
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> store.pending() == 0);
		assertThat(written).containsExactly("burn_jobs/1/DONE");
		assertThat(spoolBytes()).isZero();
		// MongoDB answers again: writes go straight to it, the spool stays empty.
		store.saveJob(job(2, Job.Status.QUEUED));
		assertThat(written).endsWith("burn_jobs/2/QUEUED");
		assertThat(spoolBytes()).isZero();
	}

	@Test
	void aNewStoreWritesWhatAKilledOneLeftInTheOrderOfTheLatestWritesBeforeAnythingElse() throws IOException {
		AtomicBoolean down = new AtomicBoolean(true);
		BurnStore killed = store(mongo(down, new CopyOnWriteArrayList<>()), 1 << 20);
		killed.saveJob(job(1, Job.Status.QUEUED));
		killed.saveJob(job(2, Job.Status.QUEUED));
		killed.saveJob(job(1, Job.Status.DONE));
		killed.close();

		List<String> written = new CopyOnWriteArrayList<>();
		store(mongo(new AtomicBoolean(false), written), 1 << 20);
		assertThat(written).containsExactly("burn_jobs/2/QUEUED", "burn_jobs/1/DONE");
		assertThat(spoolBytes()).isZero();
	}

	@Test
	void aStartWhileMongoDbIsStillDownFailsAndKeepsTheSpoolForTheNextOne() throws IOException {
		BurnStore killed = store(mongo(new AtomicBoolean(true), new CopyOnWriteArrayList<>()), 1 << 20);
		killed.saveJob(job(1, Job.Status.DONE));
		killed.close();

		assertThatIllegalStateException()
			.isThrownBy(() -> new BurnStore(mongo(new AtomicBoolean(true), new CopyOnWriteArrayList<>()),
					BurnStore.MAX_PENDING, new BurnJournal(this.directory, 1 << 20)))
			.withMessageContaining(BurnJournal.FILE_NAME);
		assertThat(spooled()).containsExactly("burn_jobs/1/DONE");
	}

	@Test
	void aSpoolMoreThanHalfFullRefusesNewJobsAndAWriteBeyondItWaitsInMemory() throws IOException {
		AtomicBoolean down = new AtomicBoolean(true);
		List<String> written = new CopyOnWriteArrayList<>();
		// The size of one job's record, measured in a spool of its own.
		BurnStore measure = new BurnStore(mongo(new AtomicBoolean(true), new CopyOnWriteArrayList<>()),
				BurnStore.MAX_PENDING, new BurnJournal(this.directory.resolve("measure"), 1 << 20));
		this.stores.add(measure);
		measure.saveJob(job(9, Job.Status.QUEUED));
		long record = Files.size(this.directory.resolve("measure").resolve(BurnJournal.FILE_NAME));
		// Room for two and a half job records: half of it is more than one.
		long bound = 2 * record + record / 2;
		BurnStore store = store(mongo(down, written), bound);
		store.saveJob(job(1, Job.Status.QUEUED));
		assertThat(store.isBacklogFull()).isFalse();
		store.saveJob(job(2, Job.Status.QUEUED));
		assertThat(store.isBacklogFull()).as("the spool is more than half full").isTrue();
		// Neither a third document nor a rewrite of the three fits: the third waits in memory only.
		store.saveJob(job(3, Job.Status.QUEUED));
		assertThat(spoolBytes()).isLessThanOrEqualTo(bound);
		assertThat(spooled()).containsExactly("burn_jobs/1/QUEUED", "burn_jobs/2/QUEUED");
		assertThat(store.pending()).isEqualTo(3);

		down.set(false);
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> store.pending() == 0);
		assertThat(written).containsExactly("burn_jobs/1/QUEUED", "burn_jobs/2/QUEUED", "burn_jobs/3/QUEUED");
		assertThat(store.isBacklogFull()).isFalse();
		assertThat(spoolBytes()).isZero();
	}

	@Test
	void aFullSpoolIsRewrittenWithTheLatestSnapshotsOnly() throws IOException {
		AtomicBoolean down = new AtomicBoolean(true);
		BurnStore store = store(mongo(down, new CopyOnWriteArrayList<>()), 64 * 1024);
		Job job = job(1, Job.Status.QUEUED);
		// One job written again and again: far more than 64 KB of records, one document waiting.
		for (int i = 0; i < 200; i++) {
			job.record(Instant.parse("2026-12-07T00:00:02Z"), "progress", "burner", "step " + i);
			store.saveJob(job);
		}
		assertThat(spoolBytes()).isLessThanOrEqualTo(64 * 1024);
		assertThat(spooled()).containsExactly("burn_jobs/1/QUEUED");
		List<BurnJournal.Entry> read = new BurnJournal(this.directory, 1 << 20).read();
		assertThat(read.getFirst().document().getList("history", Document.class).getLast().getString("detail"))
			.isEqualTo("step 199");
	}

}
