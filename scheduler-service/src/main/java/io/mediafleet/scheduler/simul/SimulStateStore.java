package io.mediafleet.scheduler.simul;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Keeps the master's current simul ({@link SimulSnapshot}) in MongoDB, one document ({@code _id: "current"}) in
 * {@value #COLLECTION}, so that a restarted scheduler takes the simul up where it was.
 * <p>
 * <b>Write-behind, latest only.</b> {@link #offer} never waits: it replaces the snapshot waiting to be written (an
 * older one is worth nothing once a newer exists) and wakes the writer, a thread of its own, which writes it. A write
 * MongoDB cannot take (down, frozen, refusing) is logged (at most once per 10 s), counted
 * ({@code mediafleet.simul.store.writes{outcome=failed}}) and tried again every {@link #RETRY_PERIOD} with the latest
 * snapshot; meanwhile the simul goes on in memory ({@code mediafleet.simul.store.waiting} is 1). So neither the
 * advise bus's thread nor an operator's command ever waits for MongoDB. A snapshot taken just before the scheduler
 * is killed may be lost (the writer writes within milliseconds when MongoDB answers); there is no write at
 * shutdown: a stop and a kill leave the same document.
 * <p>
 * <b>Reading at start</b> ({@link #load}) waits at most {@code loadWait}; a read that takes longer (MongoDB away)
 * goes on in the background and is handed to the master when it succeeds, unless the master offered a snapshot of
 * its own meanwhile (an operator's new simul wins over the stored one).
 * <p>
 * <b>Memory</b>: one snapshot waits at most (members bounded by the master's registry).
 */
final class SimulStateStore implements AutoCloseable {

	private static final Log log = LogFactory.getLog(SimulStateStore.class);

	static final String COLLECTION = "simul_state";

	/** How often a write MongoDB did not take is tried again. */
	static final Duration RETRY_PERIOD = Duration.ofMillis(500);

	private static final Duration LOG_PERIOD = Duration.ofSeconds(10);

	private final MongoOperations mongo;

	private final Counter written;

	private final Counter failed;

	private final Thread writer;

	// Guarded by this.
	private @Nullable SimulSnapshot waiting;

	// Guarded by this: whether the master offered a snapshot of its own (a late read must not override it).
	private boolean offered;

	private boolean closed;

	private long lastLog = System.nanoTime() - LOG_PERIOD.toNanos();

	SimulStateStore(MongoOperations mongo, MeterRegistry meters) {
		this.mongo = mongo;
		this.written = Counter.builder("mediafleet.simul.store.writes")
			.description("Simul state snapshots written to MongoDB, or tried and failed")
			.tag("outcome", "ok")
			.register(meters);
		this.failed = Counter.builder("mediafleet.simul.store.writes")
			.description("Simul state snapshots written to MongoDB, or tried and failed")
			.tag("outcome", "failed")
			.register(meters);
		Gauge.builder("mediafleet.simul.store.waiting", this, (store) -> store.isWaiting() ? 1 : 0)
			.description("1 while a simul state snapshot waits for MongoDB")
			.register(meters);
		this.writer = Thread.ofPlatform().name("simul-store").daemon().start(this::writeLoop);
	}

	/** Hands the latest snapshot to the writer; never blocks. */
	void offer(SimulSnapshot snapshot) {
		synchronized (this) {
			this.offered = true;
			this.waiting = snapshot;
			notifyAll();
		}
	}

	/** Whether a snapshot waits to be written. */
	synchronized boolean isWaiting() {
		return this.waiting != null;
	}

	/**
	 * Reads the stored snapshot, waiting at most {@code wait}. When the read takes longer (or fails), it goes on (and
	 * is retried) in the background, and {@code late} gets the snapshot once read, unless a snapshot was offered
	 * meanwhile.
	 * @return the stored snapshot, empty when there is none or it could not be read in time
	 */
	Optional<SimulSnapshot> load(Duration wait, Consumer<SimulSnapshot> late) {
		CompletableFuture<Optional<SimulSnapshot>> read = CompletableFuture.supplyAsync(this::readUntilRead,
				(task) -> Thread.ofPlatform().name("simul-store-load").daemon().start(task));
		try {
			return read.get(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			log.warn("The stored simul could not be read from MongoDB within " + wait.toMillis()
					+ " ms; the master starts without it and takes it up once it is read");
			read.thenAccept((snapshot) -> snapshot.ifPresent((found) -> {
				synchronized (this) {
					if (this.offered || this.closed) {
						log.info("Stored simul read late, but the master has a simul of its own now: not restored");
						return;
					}
				}
				late.accept(found);
			}));
			return Optional.empty();
		}
		catch (ExecutionException ex) {
			log.warn("The stored simul could not be read: " + ex.getCause());
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	// Retries until MongoDB answers (or the store is closed, or the master has a simul of its own).
	private Optional<SimulSnapshot> readUntilRead() {
		while (true) {
			try {
				Document doc = this.mongo.findOne(Query.query(Criteria.where("_id").is(SimulSnapshot.ID)), Document.class,
						COLLECTION);
				if (doc == null) {
					return Optional.empty();
				}
				return Optional.of(SimulSnapshot.fromDocument(doc));
			}
			catch (IllegalArgumentException ex) {
				log.warn("Ignored the stored simul: " + ex.getMessage());
				return Optional.empty();
			}
			catch (RuntimeException ex) {
				logFailure("reading the stored simul", ex);
			}
			synchronized (this) {
				if (this.closed || this.offered) {
					return Optional.empty();
				}
				try {
					wait(RETRY_PERIOD.toMillis());
				}
				catch (InterruptedException ex) {
					return Optional.empty();
				}
			}
		}
	}

	private void writeLoop() {
		while (true) {
			SimulSnapshot next;
			synchronized (this) {
				while (this.waiting == null && !this.closed) {
					try {
						wait();
					}
					catch (InterruptedException ex) {
						return;
					}
				}
				if (this.closed) {
					return;
				}
				next = this.waiting;
			}
			try {
				this.mongo.save(next.toDocument(), COLLECTION);
				this.written.increment();
				synchronized (this) {
					// Only if no newer snapshot came meanwhile (that one is written next).
					if (this.waiting == next) {
						this.waiting = null;
					}
				}
			}
			catch (RuntimeException ex) {
				this.failed.increment();
				logFailure("writing the simul state; the simul goes on in memory, retried every "
						+ RETRY_PERIOD.toMillis() + " ms", ex);
				synchronized (this) {
					try {
						wait(RETRY_PERIOD.toMillis());
					}
					catch (InterruptedException interrupted) {
						return;
					}
				}
			}
		}
	}

	private synchronized void logFailure(String what, RuntimeException ex) {
		long now = System.nanoTime();
		if (now - this.lastLog >= LOG_PERIOD.toNanos()) {
			this.lastLog = now;
			log.warn("MongoDB did not answer " + what + ": " + ex);
		}
	}

	/** Stops the writer. Writes nothing more: what a kill would leave is what a stop leaves. */
	@Override
	public void close() {
		synchronized (this) {
			this.closed = true;
			notifyAll();
		}
		this.writer.interrupt();
	}

}
