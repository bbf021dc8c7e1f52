package io.mediafleet.scheduler.burn;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.mediafleet.schema.burn.BurnErrorCodes;
import io.mediafleet.schema.burn.BurnerState;
import io.mediafleet.schema.burn.DriveState;
import io.mediafleet.schema.burn.Verdict;
import io.mediafleet.schema.burnlink.BurnLink;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The burn farm's single source of truth: the queue (durable through {@link BurnStore}), the burners and their state
 * machine, and dispatch of jobs to idle burners that hold the image; both transports call into it.
 *
 * <p>Every method takes one lock; channels and watchers are only told things (they must not block), so the lock is
 * never held across I/O.
 *
 * <p>A burner keeps burning when its connection or the scheduler goes away. The job goes back to the queue then (the
 * outcome may never come), but the burn is <em>adopted</em> when the same burner reports on it afterwards, unasked:
 * progress of a burn still running when it reconnects, or the verdict it could not deliver (the agent sends it again
 * after {@code CAP}, before it reports idle). Only a job whose last word about that burner is such a loss is adopted,
 * so a disc is counted once and never burned again for the copy it already is.
 */
public final class BurnFarm {

	private static final Log log = LogFactory.getLog(BurnFarm.class);

	/** Why a job went back to the queue while its burner may still be burning it: a later report of it is adopted. */
	static final String BURNER_RECONNECTED = "burner reconnected";

	static final String BURNER_DISCONNECTED = "burner disconnected";

	static final String SCHEDULER_RESTARTED = "scheduler restarted while burning";

	private static final Set<String> CONNECTION_LOST = Set.of(BURNER_RECONNECTED, BURNER_DISCONNECTED,
			SCHEDULER_RESTARTED);

	/**
	 * An idle report this soon after {@code BURN} was sent, before any answer to it, crossed it on the wire (the agent
	 * reports idle every few seconds, and after each eject): it says nothing about the job just sent.
	 */
	static final Duration CROSSED_BURN = Duration.ofSeconds(5);

	private final BurnStore store;

	private final BurnMetrics metrics;

	private final Clock clock;

	private final Duration agingStep;

	private final int maxJobs;

	private final boolean ejectAfterVerdict;

	private final Map<Long, Job> jobs = new LinkedHashMap<>();

	private final Map<String, Burner> burners = new LinkedHashMap<>();

	private final Map<String, BurnStore.ImageInfo> images = new HashMap<>();

	private final List<FarmWatcher> watchers = new CopyOnWriteArrayList<>();

	private long lastJobId;

	BurnFarm(BurnStore store, BurnMetrics metrics, Clock clock, Duration agingStep, int maxJobs,
			boolean ejectAfterVerdict) {
		this.store = store;
		this.metrics = metrics;
		this.clock = clock;
		this.agingStep = agingStep;
		this.maxJobs = maxJobs;
		this.ejectAfterVerdict = ejectAfterVerdict;
		load();
	}

	private synchronized void load() {
		for (BurnStore.ImageInfo image : this.store.loadImages()) {
			this.images.put(image.hash(), image);
		}
		for (Document doc : this.store.loadBurners()) {
			Burner burner = new Burner(doc.getString("_id"));
			burner.name = doc.getString("name") != null ? doc.getString("name") : "";
			burner.type = doc.getString("type");
			burner.passed = ((Number) doc.getOrDefault("passed", 0)).longValue();
			burner.failed = ((Number) doc.getOrDefault("failed", 0)).longValue();
			for (Document verdict : doc.getList("recent_verdicts", Document.class, List.of())) {
				burner.recent.addLast(new VerdictAt(verdict.getDate("at").toInstant(),
						Verdict.valueOf(verdict.getString("verdict")), verdict.getString("hash")));
			}
			this.burners.put(burner.uid, burner);
		}
		Instant now = this.clock.instant();
		for (Job job : this.store.loadOpenJobs()) {
			if (!job.burners.isEmpty()) {
				// Whatever was burning when the scheduler stopped is burnt again: the outcome never arrived here.
				for (String uid : job.burners) {
					job.record(now, "requeued", uid, SCHEDULER_RESTARTED);
				}
				job.burners.clear();
				job.status = Job.Status.QUEUED;
				this.store.saveJob(job);
			}
			this.jobs.put(job.id, job);
		}
		this.lastJobId = this.store.maxJobId();
		this.metrics.queueChanged(this.jobs.values());
		this.metrics.strandedJobs(strandedJobCount());
		log.info("Burn queue loaded: " + this.jobs.size() + " open jobs, " + this.burners.size() + " known burners, "
				+ this.images.size() + " known images");
	}

	// ---- watchers

	public void watch(FarmWatcher watcher) {
		this.watchers.add(watcher);
	}

	public void unwatch(FarmWatcher watcher) {
		this.watchers.remove(watcher);
	}

	// ---- burners

	/** A burner identified itself ({@code ID} or {@code burner_capabilities_event}); an older connection is dropped. */
	public synchronized void burnerConnected(String uid, String type, BurnerChannel channel) {
		Burner burner = this.burners.computeIfAbsent(uid, Burner::new);
		if (burner.channel != null && burner.channel != channel) {
			releaseJob(burner, BURNER_RECONNECTED);
		}
		burner.channel = channel;
		burner.type = type;
		burner.state = BurnerState.NEW;
		burner.hash = null;
		this.store.saveBurner(burner);
		this.metrics.agentsChanged(this.burners.values());
		this.metrics.strandedJobs(strandedJobCount());
		changed(burner);
	}

	/** The burner's connection (or link session) ended; a job it was burning goes back to the queue. */
	public synchronized void burnerDisconnected(String uid, BurnerChannel channel) {
		Burner burner = this.burners.get(uid);
		if (burner == null || burner.channel != channel) {
			return;
		}
		releaseJob(burner, BURNER_DISCONNECTED);
		burner.channel = null;
		burner.state = BurnerState.DISCONN;
		this.metrics.agentsChanged(this.burners.values());
		this.metrics.strandedJobs(strandedJobCount());
		changed(burner);
		dispatch();
	}

	/** The images a burner holds ({@code CAP}); returns the hashes the farm has no description of yet. */
	public synchronized List<String> capabilities(String uid, List<String> hashes) {
		Burner burner = this.burners.get(uid);
		if (burner == null) {
			return List.of();
		}
		burner.hashes = new LinkedHashSet<>(hashes);
		this.metrics.strandedJobs(strandedJobCount());
		List<String> unknown = new ArrayList<>();
		for (String hash : hashes) {
			if (!this.images.containsKey(hash)) {
				unknown.add(hash);
			}
		}
		dispatch();
		return unknown;
	}

	/** A description of an image ({@code INFO}); {@code sizeBytes} -1 when unknown. */
	public synchronized void imageInfo(String hash, String fileName, String description, long sizeBytes) {
		BurnStore.ImageInfo image = new BurnStore.ImageInfo(hash, fileName, description, sizeBytes);
		if (!image.equals(this.images.get(hash))) {
			this.images.put(hash, image);
			this.store.saveImage(image);
		}
	}

	/** An idle report ({@code STATUS\tDVD\tAVAIL|EMPTY|OPEN}). */
	public synchronized void idleStatus(String uid, DriveState drive) {
		Burner burner = connected(uid);
		if (burner == null) {
			return;
		}
		if (burner.job != null) {
			if (burner.state == BurnerState.ASKED
					&& Duration.between(burner.askedAt, this.clock.instant()).compareTo(CROSSED_BURN) < 0) {
				// Sent before our BURN arrived: releasing the job would give it out again while it is being burnt
				// (fault matrix run 10: a third disc for two copies). The burner's next report tells.
				return;
			}
			// An idle report while a job is assigned means the burner dropped it (e.g. restarted).
			releaseJob(burner, "burner reported idle");
		}
		BurnerState next = switch (drive) {
			case AVAIL -> BurnerState.AVAIL;
			case EMPTY -> BurnerState.EMPTY;
			case OPEN -> BurnerState.OPEN;
		};
		if (next != burner.state) {
			burner.state = next;
			if (next == BurnerState.AVAIL) {
				burner.hash = null;
			}
			changed(burner);
		}
		dispatch();
	}

	/** Progress of a burn ({@code STATUS\thash\tn}). */
	public synchronized void progress(String uid, String hash, int percent) {
		Burner burner = adopting(connected(uid), hash);
		if (burner == null || !hash.equals(burner.hash) || burner.job == null) {
			ignored(uid, "progress of " + hash);
			return;
		}
		if (burner.state != BurnerState.ASKED && burner.state != BurnerState.BURN) {
			return;
		}
		int clamped = Math.clamp(percent, 0, 100);
		if (burner.state == BurnerState.ASKED || clamped != burner.percent) {
			// Displays draw progress bars: every step they have not seen yet is news.
			burner.state = BurnerState.BURN;
			burner.percent = clamped;
			changed(burner);
		}
	}

	/** The burn finished ({@code STATUS\thash\t100\tTIME\ts}); verification follows. */
	public synchronized void completed(String uid, String hash, Duration burnTime) {
		Burner burner = adopting(connected(uid), hash);
		if (burner == null || !hash.equals(burner.hash) || burner.job == null) {
			ignored(uid, "completion of " + hash);
			return;
		}
		BurnStore.ImageInfo image = this.images.get(hash);
		if (image != null && image.sizeBytes() > 0 && burnTime.toMillis() > 0) {
			this.metrics.burnRate(image.sizeBytes() / 1e6 / (burnTime.toMillis() / 1000.0));
		}
		burner.state = BurnerState.CHECKING;
		changed(burner);
	}

	/** The verdict of reading the disc back ({@code STATUS\thash\tPASS|FAIL}). */
	public synchronized void verified(String uid, String hash, Verdict verdict) {
		Burner burner = adopting(connected(uid), hash);
		if (burner == null || !hash.equals(burner.hash) || burner.job == null) {
			ignored(uid, "verdict on " + hash);
			return;
		}
		Job job = this.jobs.get(burner.job);
		burner.job = null;
		Instant now = this.clock.instant();
		if (job != null) {
			job.burners.remove(uid);
			if (verdict == Verdict.PASS) {
				job.passed++;
				job.record(now, "pass", uid, null);
				if (job.passed >= job.copies) {
					job.status = Job.Status.DONE;
					job.record(now, "done", null, null);
				}
			}
			else {
				job.record(now, "requeued", uid, "verification failed");
			}
			if (job.status != Job.Status.DONE) {
				job.status = job.burners.isEmpty() ? Job.Status.QUEUED : Job.Status.BURNING;
			}
			this.store.saveJob(job);
			if (!job.isOpen()) {
				this.jobs.remove(job.id);
			}
			queueChanged();
		}
		this.metrics.verdict(uid, verdict);
		// Milliseconds, as MongoDB keeps them: the statistics read back after a restart are the same.
		burner.counted(new VerdictAt(now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), verdict, hash));
		this.store.saveBurner(burner);
		burner.state = (verdict == Verdict.PASS) ? BurnerState.PASS : BurnerState.FAIL;
		changed(burner);
		if (this.ejectAfterVerdict) {
			burner.channel.eject();
		}
		dispatch();
	}

	/** An {@code ERROR} from a burner; {@code NOISO} (or any error while asked or burning) re-queues its job. */
	public synchronized void burnerError(String uid, String code, String text) {
		Burner burner = connected(uid);
		if (burner == null) {
			return;
		}
		log.info("Burner " + uid + " reports " + code + ": " + text);
		if (burner.job != null) {
			releaseJob(burner, code + " " + text);
			if (BurnErrorCodes.NOISO.equals(code)) {
				// It listed the image but does not hold it: stop offering it that image, so no loop.
				Set<String> held = new LinkedHashSet<>(burner.hashes);
				held.remove(burner.hash);
				burner.hashes = held;
				this.metrics.strandedJobs(strandedJobCount());
				burner.state = BurnerState.AVAIL;
			}
			else {
				burner.state = BurnerState.FAIL;
			}
			burner.hash = null;
			changed(burner);
			dispatch();
		}
	}

	/** Give a burner a friendly name; {@code false} when the UID is unknown. */
	public synchronized boolean name(String uid, String name) {
		Burner burner = this.burners.get(uid);
		if (burner == null) {
			return false;
		}
		burner.name = name;
		this.store.saveBurner(burner);
		changed(burner);
		return true;
	}

	/**
	 * Tell a connected burner to open its tray (the line protocol's {@code OPEN}).
	 * @return {@code false} when no burner with this UID is connected
	 */
	public synchronized boolean openTray(String uid) {
		Burner burner = connected(uid);
		if (burner == null || burner.channel == null) {
			return false;
		}
		burner.channel.eject();
		return true;
	}

	/** Whether the farm has ever seen a burner with this UID (connected or not). */
	public synchronized boolean knowsBurner(String uid) {
		return this.burners.containsKey(uid);
	}

	// ---- queue

	/**
	 * Queue copies of an image; empty when the image is unknown to the farm, the queue is full, or too many writes
	 * wait for MongoDB.
	 */
	public synchronized OptionalLong queue(String hash, int priority, int copies) {
		if (!this.images.containsKey(hash) && !heldByAnyBurner(hash)) {
			return OptionalLong.empty();
		}
		if (this.jobs.size() >= this.maxJobs || copies < 1 || this.store.isBacklogFull()) {
			return OptionalLong.empty();
		}
		Instant now = this.clock.instant();
		Job job = new Job(++this.lastJobId, hash, priority, copies, now);
		job.record(now, "queued", null, "priority " + priority + ", " + copies + " copies");
		this.store.saveJob(job);
		this.jobs.put(job.id, job);
		queueChanged();
		dispatch();
		return OptionalLong.of(job.id);
	}

	/** Remove every job no burner is working on; returns how many were removed. */
	public synchronized int clearQueue() {
		int removed = 0;
		Instant now = this.clock.instant();
		for (var it = this.jobs.values().iterator(); it.hasNext();) {
			Job job = it.next();
			if (job.burners.isEmpty()) {
				job.status = Job.Status.CLEARED;
				job.record(now, "cleared", null, null);
				this.store.saveJob(job);
				it.remove();
				removed++;
			}
		}
		queueChanged();
		return removed;
	}

	/** Open jobs in burn order (effective priority, then age). */
	public synchronized List<BurnLink.Job> queueList() {
		List<BurnLink.Job> list = new ArrayList<>();
		for (Job job : ordered()) {
			list.add(view(job));
		}
		return list;
	}

	/** Every known burner. */
	public synchronized List<BurnLink.BurnerInfo> burnerList() {
		List<BurnLink.BurnerInfo> list = new ArrayList<>();
		for (Burner burner : this.burners.values()) {
			list.add(burner.view());
		}
		return list;
	}

	/** Open jobs in burn order with their effective priority now and the image's file name, for people to read. */
	public synchronized List<QueuedJob> queueView() {
		Instant now = this.clock.instant();
		List<QueuedJob> list = new ArrayList<>();
		for (Job job : ordered()) {
			BurnStore.ImageInfo image = this.images.get(job.hash);
			list.add(new QueuedJob(job.id, job.hash, (image != null) ? image.fileName() : null, job.priority,
					effectivePriority(job, now), job.copies, job.passed, List.copyOf(job.burners), job.queuedAt));
		}
		return list;
	}

	/**
	 * An open job as an operator sees it.
	 *
	 * @param jobId its id
	 * @param hash md5 of the image
	 * @param fileName the image's file name, {@code null} when no burner described it
	 * @param priority as queued (lower burns first)
	 * @param effectivePriority the priority after aging, what the burn order uses now
	 * @param copies discs wanted
	 * @param passed discs that passed verification
	 * @param burners UIDs of the burners on it now
	 * @param queuedAt when it was queued
	 */
	public record QueuedJob(long jobId, String hash, @Nullable String fileName, int priority, long effectivePriority,
			int copies, int passed, List<String> burners, Instant queuedAt) {
	}

	/** A burner's verdict counts and last verdicts, or empty when the farm never saw this UID. */
	public synchronized Optional<BurnerStats> stats(String uid) {
		Burner burner = this.burners.get(uid);
		return (burner != null) ? Optional.of(burner.stats()) : Optional.empty();
	}

	/** Every known burner's statistics, by UID. */
	/** Each known burner's drive as it identified itself ({@code BURNCDR} or {@code BURNDVD}), by UID. */
	public synchronized Map<String, String> drives() {
		Map<String, String> drives = new LinkedHashMap<>();
		for (Burner burner : this.burners.values()) {
			if (burner.type != null) {
				drives.put(burner.uid, burner.type);
			}
		}
		return drives;
	}

	public synchronized Map<String, BurnerStats> allStats() {
		Map<String, BurnerStats> all = new LinkedHashMap<>();
		for (Burner burner : this.burners.values()) {
			all.put(burner.uid, burner.stats());
		}
		return all;
	}

	/**
	 * What a burner has burnt: counted at each verdict ({@code PASS}/{@code FAIL} after reading the disc back) and
	 * kept with the burner in MongoDB.
	 *
	 * @param uid the burner
	 * @param passed discs that passed verification
	 * @param failed discs that failed verification
	 * @param lastVerdicts the last {@value BurnFarm#RECENT_VERDICTS} verdicts, newest first
	 */
	public record BurnerStats(String uid, long passed, long failed, List<VerdictAt> lastVerdicts) {
	}

	/**
	 * One verdict of a burner.
	 *
	 * @param at when the farm heard it
	 * @param verdict PASS or FAIL
	 * @param hash md5 of the image burnt
	 */
	public record VerdictAt(Instant at, Verdict verdict, String hash) {
	}

	/** Verdicts kept per burner for its statistics. */
	public static final int RECENT_VERDICTS = 5;

	/** One job's history, or empty. */
	public synchronized Optional<List<Map<String, Object>>> history(long jobId) {
		Job job = this.jobs.get(jobId);
		if (job == null) {
			return Optional.empty();
		}
		List<Map<String, Object>> entries = new ArrayList<>();
		for (Job.Entry entry : job.history) {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("at", entry.at().toString());
			map.put("event", entry.event());
			if (entry.burner() != null) {
				map.put("burner", entry.burner());
			}
			if (entry.detail() != null) {
				map.put("detail", entry.detail());
			}
			entries.add(map);
		}
		return Optional.of(entries);
	}

	/** Every image hash the farm knows of. */
	public synchronized List<String> knownHashes() {
		Set<String> hashes = new LinkedHashSet<>(this.images.keySet());
		for (Burner burner : this.burners.values()) {
			hashes.addAll(burner.hashes);
		}
		return new ArrayList<>(hashes);
	}

	/**
	 * Every image the farm knows of, with what its burners said of it and the connected burners holding it, ordered
	 * by file name.
	 */
	public synchronized List<ImageView> images() {
		Map<String, List<String>> holders = new LinkedHashMap<>();
		for (String hash : this.images.keySet()) {
			holders.put(hash, new ArrayList<>());
		}
		for (Burner burner : this.burners.values()) {
			for (String hash : burner.hashes) {
				List<String> uids = holders.computeIfAbsent(hash, (key) -> new ArrayList<>());
				if (burner.channel != null) {
					uids.add(burner.uid);
				}
			}
		}
		List<ImageView> list = new ArrayList<>();
		holders.forEach((hash, uids) -> {
			BurnStore.ImageInfo info = this.images.get(hash);
			list.add(new ImageView(hash, (info != null) ? info.fileName() : null,
					(info != null) ? info.description() : null,
					(info != null && info.sizeBytes() >= 0) ? info.sizeBytes() : null, List.copyOf(uids)));
		});
		list.sort(Comparator.comparing((ImageView image) -> (image.fileName() != null) ? image.fileName() : "~")
			.thenComparing(ImageView::hash));
		return list;
	}

	/**
	 * An image the farm knows of.
	 *
	 * @param hash md5 of the image
	 * @param fileName as its burner named it, {@code null} when no burner described it
	 * @param description free text from its burner, {@code null} when none
	 * @param sizeBytes its length, {@code null} when unknown
	 * @param burners UIDs of the connected burners holding it
	 */
	public record ImageView(String hash, @Nullable String fileName, @Nullable String description,
			@Nullable Long sizeBytes, List<String> burners) {
	}

	/** What the farm knows of an image, or {@code null}. */
	synchronized BurnStore.@Nullable ImageInfo image(String hash) {
		return this.images.get(hash);
	}

	// ---- internals

	private boolean heldByAnyBurner(String hash) {
		for (Burner burner : this.burners.values()) {
			if (burner.hashes.contains(hash)) {
				return true;
			}
		}
		return false;
	}

	/** Open jobs that want a burner while no connected burner holds their image. */
	private int strandedJobCount() {
		int stranded = 0;
		for (Job job : this.jobs.values()) {
			if (job.wantsBurner() && !heldByConnectedBurner(job.hash)) {
				stranded++;
			}
		}
		return stranded;
	}

	private boolean heldByConnectedBurner(String hash) {
		for (Burner burner : this.burners.values()) {
			if (burner.channel != null && burner.hashes.contains(hash)) {
				return true;
			}
		}
		return false;
	}

	private @Nullable Burner connected(String uid) {
		Burner burner = this.burners.get(uid);
		return (burner != null && burner.channel != null) ? burner : null;
	}

	/**
	 * A report about {@code hash} from a burner the farm asked nothing of: the burn it was given before its connection
	 * or the scheduler was lost, if an open job of that hash was requeued for that loss (its last word about this
	 * burner) and still wants a burner. The job is then this burner's again, as if assigned, and the report counts.
	 */
	private @Nullable Burner adopting(@Nullable Burner burner, String hash) {
		if (burner == null || burner.job != null) {
			return burner;
		}
		for (Job job : this.jobs.values()) {
			if (job.hash.equals(hash) && job.wantsBurner() && lostWhileBurning(job, burner.uid)) {
				Instant now = this.clock.instant();
				job.burners.add(burner.uid);
				job.status = Job.Status.BURNING;
				job.record(now, "adopted", burner.uid, "the burn went on while the connection or the scheduler was away");
				this.store.saveJob(job);
				burner.job = job.id;
				burner.hash = hash;
				burner.percent = 0;
				burner.state = BurnerState.BURN;
				log.info("Burner " + burner.uid + " reports on job " + job.id + " (" + hash
						+ ") it was burning when its connection or the scheduler was lost: adopted");
				changed(burner);
				queueChanged();
				return burner;
			}
		}
		return burner;
	}

	/** Whether the job's latest entry about {@code uid} is a requeue for a lost connection or scheduler. */
	private static boolean lostWhileBurning(Job job, String uid) {
		for (int i = job.history.size() - 1; i >= 0; i--) {
			Job.Entry entry = job.history.get(i);
			if (uid.equals(entry.burner())) {
				return entry.event().equals("requeued") && CONNECTION_LOST.contains(entry.detail());
			}
		}
		return false;
	}

	private void ignored(String uid, String what) {
		log.debug("Ignoring " + what + " from burner " + uid + ": not what it was asked to burn");
	}

	private void releaseJob(Burner burner, String why) {
		if (burner.job == null) {
			return;
		}
		Job job = this.jobs.get(burner.job);
		burner.job = null;
		if (job != null) {
			job.burners.remove(burner.uid);
			job.record(this.clock.instant(), "requeued", burner.uid, why);
			job.status = job.burners.isEmpty() ? Job.Status.QUEUED : Job.Status.BURNING;
			this.store.saveJob(job);
			queueChanged();
		}
	}

	private List<Job> ordered() {
		Instant now = this.clock.instant();
		List<Job> list = new ArrayList<>(this.jobs.values());
		list.sort(Comparator.comparingLong((Job job) -> effectivePriority(job, now))
			.thenComparing(job -> job.queuedAt)
			.thenComparingLong(job -> job.id));
		return list;
	}

	/** Priority minus one per aging step waited, so a low priority is not starved forever. */
	long effectivePriority(Job job, Instant now) {
		long waited = Math.max(0, Duration.between(job.queuedAt, now).toMillis());
		return job.priority - waited / Math.max(1, this.agingStep.toMillis());
	}

	private void dispatch() {
		List<Job> order = null;
		for (Burner burner : this.burners.values()) {
			if (burner.state != BurnerState.AVAIL || burner.channel == null || burner.job != null) {
				continue;
			}
			if (order == null) {
				order = ordered();
			}
			for (Job job : order) {
				if (job.wantsBurner() && burner.hashes.contains(job.hash)) {
					assign(burner, job);
					break;
				}
			}
		}
	}

	private void assign(Burner burner, Job job) {
		job.burners.add(burner.uid);
		job.status = Job.Status.BURNING;
		job.record(this.clock.instant(), "assigned", burner.uid, null);
		this.store.saveJob(job);
		burner.job = job.id;
		burner.hash = job.hash;
		burner.percent = 0;
		burner.state = BurnerState.ASKED;
		burner.askedAt = this.clock.instant();
		changed(burner);
		queueChanged();
		burner.channel.burn(job.hash);
	}

	private void changed(Burner burner) {
		BurnLink.BurnerInfo view = burner.view();
		for (FarmWatcher watcher : this.watchers) {
			watcher.burnerChanged(view);
		}
	}

	private void queueChanged() {
		this.metrics.queueChanged(this.jobs.values());
		this.metrics.strandedJobs(strandedJobCount());
		if (this.watchers.isEmpty()) {
			return;
		}
		List<BurnLink.Job> list = queueList();
		for (FarmWatcher watcher : this.watchers) {
			watcher.queueChanged(list);
		}
	}

	private static BurnLink.Job view(Job job) {
		return new BurnLink.Job(job.id, job.hash, job.priority, job.copies, job.passed, List.copyOf(job.burners));
	}

	/** One burner as the farm tracks it. */
	static final class Burner {

		final String uid;

		String name = "";

		@Nullable String type;

		BurnerState state = BurnerState.DISCONN;

		@Nullable String hash;

		@Nullable Long job;

		/** When the farm last sent this burner {@code BURN}. */
		Instant askedAt = Instant.EPOCH;

		int percent;

		Set<String> hashes = Set.of();

		@Nullable BurnerChannel channel;

		long passed;

		long failed;

		/** Newest last; at most {@link #RECENT_VERDICTS}. */
		final java.util.ArrayDeque<VerdictAt> recent = new java.util.ArrayDeque<>();

		Burner(String uid) {
			this.uid = uid;
		}

		void counted(VerdictAt verdict) {
			if (verdict.verdict() == Verdict.PASS) {
				this.passed++;
			}
			else {
				this.failed++;
			}
			this.recent.addLast(verdict);
			while (this.recent.size() > RECENT_VERDICTS) {
				this.recent.removeFirst();
			}
		}

		BurnerStats stats() {
			return new BurnerStats(this.uid, this.passed, this.failed, List.copyOf(this.recent.reversed()));
		}

		BurnLink.BurnerInfo view() {
			return new BurnLink.BurnerInfo(this.uid, this.name, this.hash, this.state,
					(this.channel != null) ? this.channel.transport() : null,
					(this.state == BurnerState.BURN) ? this.percent : null);
		}

	}

}
