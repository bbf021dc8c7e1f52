package io.mediafleet.scheduler.simul;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import io.mediafleet.schema.simul.AdviseMessage;
import io.mediafleet.schema.simul.CommandMessage;
import io.mediafleet.schema.simul.FileStatus;
import io.mediafleet.schema.simul.SimulCodec;
import io.mediafleet.schema.simul.SimulCodecException;
import io.mediafleet.schema.simul.SimulFile;
import io.mediafleet.schema.simul.SimulNotStarted;
import io.mediafleet.schema.simul.SimulPause;
import io.mediafleet.schema.simul.SimulPlayCompleted;
import io.mediafleet.schema.simul.SimulPosition;
import io.mediafleet.schema.simul.SimulResume;
import io.mediafleet.schema.simul.SimulSeek;
import io.mediafleet.schema.simul.SimulStart;
import io.mediafleet.schema.simul.SimulStarted;
import io.mediafleet.schema.simul.SimulStop;
import io.mediafleet.schema.simul.SlaveExit;
import io.mediafleet.schema.simul.SlaveReady;
import io.mediafleet.schema.simul.TransportCommand;
import io.mediafleet.scheduler.simul.SimulStatus.FileState;
import io.mediafleet.scheduler.simul.SimulStatus.SlaveStatus;
import io.mediafleet.scheduler.simul.SimulStatus.StartState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The simul master: keeps the registry of live slaves from the advise bus, drives one simul at a time through
 * {@code simul-file} → ready → {@code simul-start} → started/completed, and publishes commands on the command
 * bus. Operators reach it through the IRC bot and the REST admin API; both call the public methods here.
 *
 * <p>Thread-safe: every state change happens under this object's lock; the advise thread, the tick and
 * operator commands may call in concurrently. Announcements go to the {@link SimulListener}s outside the lock.
 *
 * <p>PUB/SUB carries no peer identity, so the master cannot tell two slaves apart if they use the same name.
 * It flags a name as <em>conflicting</em> when the reports under it contradict each other within one simul:
 * two different md5s for the same file, or both {@code simul-started} and {@code simul-notstarted} for the same
 * start. A conflicting slave keeps the simul from being ready until the next {@code simul-file}.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code maxSlaves}: names the registry holds at once; advice from further names is dropped and counted
 * until a slave leaves or times out.</li>
 * <li>The codec's {@code JsonLimits} bound every frame.</li>
 * </ul>
 */
public final class SimulMaster {

	private static final Log log = LogFactory.getLog(SimulMaster.class);

	private final SimulCodec codec;

	private final InstantSource clock;

	private final Settings settings;

	private final MeterRegistry meters;

	private final List<SimulListener> listeners = new CopyOnWriteArrayList<>();

	private final Map<String, Slave> slaves = new HashMap<>();

	private final Map<SimulState, AtomicInteger> stateGauges = new EnumMap<>(SimulState.class);

	private final Timer startDelay;

	private @Nullable SimulBuses buses;

	private SimulState state = SimulState.IDLE;

	private @Nullable String filename;

	private @Nullable Instant startAt;

	private Instant nextResend = Instant.EPOCH;

	// When a simul kept across a restart was taken up, or null.
	private @Nullable Instant restoredAt;

	/** How long a restored member that reports positions may be back without one before it counts as ended. */
	static final Duration RESTORED_SILENCE = PositionBoard.FRESHNESS;

	// Who is late and what the simul's policy makes of it (never stuck, issue #20).
	private final MemberWatch watch;

	// Group transport and drift reports (simul-pause/resume/seek, simul-position): see GroupTimeline, PositionBoard.
	private final GroupTimeline timeline = new GroupTimeline();

	private final PositionBoard positions = new PositionBoard();

	// Where every change of the simul goes to be kept across a restart (SimulStateStore), and the last one sent.
	private Consumer<SimulSnapshot> snapshots = (snapshot) -> {
	};

	private @Nullable SimulSnapshot lastSnapshot;

	/**
	 * Timings and bounds of the master.
	 *
	 * @param slaveTimeout silence after which a slave is gone
	 * @param startLead how far ahead the common start instant is put
	 * @param startTimeout how long after the start instant slaves may take to answer
	 * @param fileResendInterval how often {@code simul-file} is repeated while locating
	 * @param maxSlaves how many slave names the registry holds at once
	 * @param fileTimeout how long a member may take to report the file before it is named late
	 */
	public record Settings(Duration slaveTimeout, Duration startLead, Duration startTimeout,
			Duration fileResendInterval, int maxSlaves, Duration fileTimeout) {

		/** Settings with the default file timeout, 30 s. */
		public Settings(Duration slaveTimeout, Duration startLead, Duration startTimeout, Duration fileResendInterval,
				int maxSlaves) {
			this(slaveTimeout, startLead, startTimeout, fileResendInterval, maxSlaves, Duration.ofSeconds(30));
		}

		public Settings {
			Objects.requireNonNull(slaveTimeout, "slaveTimeout");
			Objects.requireNonNull(startLead, "startLead");
			Objects.requireNonNull(startTimeout, "startTimeout");
			Objects.requireNonNull(fileResendInterval, "fileResendInterval");
			if (maxSlaves < 1) {
				throw new IllegalArgumentException("maxSlaves must be positive but was " + maxSlaves);
			}
		}

	}

	SimulMaster(SimulCodec codec, InstantSource clock, Settings settings, MeterRegistry meters) {
		this.codec = codec;
		this.clock = clock;
		this.settings = settings;
		this.meters = meters;
		this.watch = new MemberWatch(settings.fileTimeout());
		SimulLateness.registerMeters(meters, this, SimulMaster::lateCount);
		Gauge.builder("mediafleet.simul.slaves.live", this, (master) -> master.liveSlaveCount())
			.description("Slaves heard from within the slave timeout")
			.register(meters);
		for (SimulState each : SimulState.values()) {
			AtomicInteger value = new AtomicInteger((each == SimulState.IDLE) ? 1 : 0);
			this.stateGauges.put(each, value);
			Gauge.builder("mediafleet.simul.state", value, AtomicInteger::get)
				.description("1 for the state the current simul is in, 0 for the others")
				.tag("state", each.name().toLowerCase(Locale.ROOT))
				.register(meters);
		}
		this.startDelay = Timer.builder("mediafleet.simul.start.delay")
			.description("How long after the agreed start instant each slave's simul-started arrived")
			.register(meters);
		// The counters with fixed tags exist at zero from the start, so a dashboard shows "none" rather than
		// "no data" on a quiet master.
		for (String command : List.of("simul-file", "simul-start", "simul-stop", "simul-pause", "simul-resume",
				"simul-seek")) {
			for (String source : List.of("rest", "irc")) {
				meters.counter("mediafleet.simul.commands", "command", command, "source", source);
			}
		}
		Gauge.builder("mediafleet.simul.position.spread", this, (master) -> master.spreadMs())
			.description("Largest minus smallest slave offset from the group's position, from simul-position reports; "
					+ "0 while fewer than two slaves report (no two members apart)")
			.baseUnit("milliseconds")
			.register(meters);
		meters.counter("mediafleet.simul.advise.rejected", "protocol", "simul");
		meters.counter("mediafleet.simul.advise.dropped", "reason", "too-many-slaves");
		meters.counter("mediafleet.simul.advise.conflicts");
		meters.counter("mediafleet.simul.advise.stale");
		meters.counter("mediafleet.simul.slaves.expired");
		for (String reason : List.of("unknown-key", "malformed-key", "mechanism")) {
			meters.counter("mediafleet.simul.slaves.refused", "reason", reason);
		}
	}

	void attach(SimulBuses buses) {
		this.buses = buses;
		synchronized (this) {
			// Members taken up from a snapshot get their slave timeout from now, when they can reach the master.
			Instant now = this.clock.instant();
			this.slaves.values().stream().filter((slave) -> slave.restored && slave.backAt == null)
				.forEach((slave) -> slave.lastSeen = now);
		}
	}

	/** From now on, every change of the simul is handed to {@code sink} (which must not block). */
	synchronized void persistTo(Consumer<SimulSnapshot> sink) {
		this.snapshots = sink;
	}

	/** Counts a slave handshake the buses' ZAP handler refused; {@code reason} is one of a few fixed words. */
	void slaveRefused(String address, String reason) {
		this.meters.counter("mediafleet.simul.slaves.refused", "reason", reason).increment();
	}

	/** Registers a listener for announcements. */
	public void addListener(SimulListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Starts a new simul of {@code filename}: every slave is asked to look for it. With {@code dest}, only that
	 * slave is asked again about the current simul's file (e.g. after it was fixed).
	 * @param source who asked, for metrics: {@code irc} or {@code rest}
	 * @throws SimulCommandException if {@code dest} names another file than the current simul's
	 */
	public void simulFile(String filename, @Nullable String dest, String source) {
		simulFile(filename, dest, source, LatePolicy.DEFAULT);
	}

	/**
	 * As {@link #simulFile(String, String, String)}, choosing what happens to members that are late
	 * ({@code policy}, used for a new simul only, when {@code dest} is {@code null}).
	 */
	public void simulFile(String filename, @Nullable String dest, String source, LatePolicy policy) {
		countCommand("simul-file", source);
		SimulFile command = new SimulFile(dest, filename);
		List<String> news = new ArrayList<>();
		synchronized (this) {
			if (dest != null) {
				if (!filename.equals(this.filename)) {
					throw new SimulCommandException("the current simul is " + describeFile()
							+ ": a single slave can only be asked about that file");
				}
				Slave slave = this.slaves.get(dest);
				if (slave != null) {
					slave.resetFile();
					this.watch.asked(this.clock.instant(), dest);
				}
			}
			else {
				this.filename = filename;
				this.startAt = null;
				this.timeline.clear();
				this.positions.clear();
				this.slaves.values().forEach(Slave::resetSimul);
				this.watch.simulBegun(this.clock.instant(), policy, this.slaves.keySet());
				setState(SimulState.LOCATING);
				news.add("simul " + filename + ": looking for the file on " + this.slaves.size() + " slave(s)");
			}
			this.nextResend = this.clock.instant().plus(this.settings.fileResendInterval());
			publish(command);
		}
		announce(news);
	}

	/**
	 * Starts the current simul on every slave at now + the start lead ({@code at}), or, with a zero lead, on
	 * receipt (no {@code at}).
	 * @param source who asked, for metrics
	 * @return the agreed start instant
	 * @throws SimulCommandException if the simul is not ready
	 */
	public Instant start(String source) {
		return start(source, null);
	}

	/**
	 * Starts the current simul on every slave at {@code requested}, or as {@link #start(String)} does when it is
	 * {@code null}. The caller checks that {@code requested} lies ahead; each slave refuses one too far ahead.
	 * @param source who asked, for metrics
	 * @param requested the start instant an operator chose, or {@code null}
	 * @return the agreed start instant
	 * @throws SimulCommandException if the simul is not ready
	 */
	public Instant start(String source, @Nullable Instant requested) {
		countCommand("simul-start", source);
		Instant at;
		List<String> news = new ArrayList<>();
		synchronized (this) {
			String file = this.filename;
			if (file == null) {
				throw new SimulCommandException("no simul: use !simul <file> first");
			}
			refreshReadiness(news);
			boolean restartable = this.state == SimulState.STOPPED || this.state == SimulState.COMPLETED
					|| this.state == SimulState.FAILED;
			if (this.state != SimulState.READY && !(restartable && problems().isEmpty())) {
				List<String> problems = problems();
				throw new SimulCommandException("simul " + file + " is not ready (" + stateName() + ")"
						+ (problems.isEmpty() ? "" : ": " + String.join("; ", problems)));
			}
			at = (requested != null) ? requested : this.clock.instant().plus(this.settings.startLead());
			this.startAt = at;
			this.slaves.values().forEach((slave) -> {
				slave.resetStart();
				// A member left out for its file does not hold the start window open.
				slave.start = this.watch.isLeftOut(slave.name) ? StartState.NONE : StartState.PENDING;
			});
			this.timeline.started(at);
			setState(SimulState.STARTING);
			// A zero lead means the seed's plain "start on receipt", without the at extension.
			publish((requested == null && this.settings.startLead().isZero()) ? SimulStart.of(file)
					: SimulStart.at(file, at));
			news.add("simul " + file + ": starting on " + this.slaves.size() + " slave(s) at " + at);
		}
		announce(news);
		return at;
	}

	/**
	 * Stops the current simul on every slave.
	 * @param source who asked, for metrics
	 * @throws SimulCommandException if there is no simul
	 */
	public void stop(String source) {
		countCommand("simul-stop", source);
		List<String> news = new ArrayList<>();
		synchronized (this) {
			String file = this.filename;
			if (file == null) {
				throw new SimulCommandException("no simul to stop");
			}
			publish(SimulStop.of(file));
			this.startAt = null;
			this.timeline.clear();
			this.slaves.values().forEach(Slave::resetStart);
			setState(SimulState.STOPPED);
			news.add("simul " + file + ": stopped");
		}
		announce(news);
	}

	/**
	 * Pauses every slave at now + the start lead, all on the frame the group reaches then.
	 * @param source who asked, for metrics
	 * @return the planned instant and position
	 * @throws SimulCommandException if nothing plays or it is already paused
	 */
	public Transport pause(String source) {
		return transport("simul-pause", source, (file, now) -> {
			GroupTimeline.Plan plan = this.timeline.pause(now, this.settings.startLead());
			return new SimulPause(null, file, plan.at().toEpochMilli(), plan.positionMs());
		});
	}

	/**
	 * Resumes every slave at now + the start lead from the paused position.
	 * @throws SimulCommandException if nothing plays or it is not paused
	 */
	public Transport resume(String source) {
		return transport("simul-resume", source, (file, now) -> {
			GroupTimeline.Plan plan = this.timeline.resume(now, this.settings.startLead());
			return new SimulResume(null, file, plan.at().toEpochMilli(), plan.positionMs());
		});
	}

	/**
	 * Moves every slave to {@code positionMs} at now + the start lead; playing or paused stays as it was.
	 * @throws SimulCommandException if nothing plays
	 */
	public Transport seek(String source, long positionMs) {
		return transport("simul-seek", source, (file, now) -> {
			GroupTimeline.Plan plan = this.timeline.seek(now, this.settings.startLead(), positionMs);
			return new SimulSeek(null, file, plan.at().toEpochMilli(), plan.positionMs());
		});
	}

	/**
	 * A planned group transport command.
	 *
	 * @param command {@code simul-pause}, {@code simul-resume} or {@code simul-seek}
	 * @param at when every slave acts
	 * @param positionMs where every slave lands, in milliseconds
	 */
	public record Transport(String command, Instant at, long positionMs) {
	}

	private Transport transport(String name, String source,
			BiFunction<String, Instant, CommandMessage> plan) {
		countCommand(name, source);
		List<String> news = new ArrayList<>();
		Transport planned;
		synchronized (this) {
			String file = this.filename;
			if (file == null || (this.state != SimulState.PLAYING && this.state != SimulState.STARTING)) {
				throw new SimulCommandException("no simul is playing (" + stateName() + ")");
			}
			CommandMessage command = plan.apply(file, this.clock.instant());
			publish(command);
			persist();
			TransportCommand sent = (TransportCommand) command;
			planned = new Transport(name, Instant.ofEpochMilli(Objects.requireNonNull(sent.atEpochMillis())),
					sent.positionMillis());
			news.add("simul " + file + ": " + name.substring("simul-".length()) + " at " + planned.at() + ", position "
					+ formatPosition(planned.positionMs()));
		}
		announce(news);
		return planned;
	}

	/** A position as m:ss.mmm. */
	public static String formatPosition(long positionMs) {
		return String.format(Locale.ROOT, "%d:%02d.%03d", positionMs / 60_000, (positionMs / 1000) % 60,
				positionMs % 1000);
	}

	/** The group's position and how far apart the reporting slaves are. */
	public synchronized SyncStatus sync() {
		Instant now = this.clock.instant();
		return new SyncStatus(this.filename, this.timeline.isRunning(), this.timeline.isPaused(),
				this.timeline.positionAt(now), this.positions.spreadMs(now), this.positions.offsets());
	}

	synchronized double spreadMs() {
		Long spread = this.positions.spreadMs(this.clock.instant());
		// Fewer than two fresh reports: no two members are apart. 0 rather than NaN, so the dashboard charts a quiet
		// master as flat instead of as missing (the REST status says null: "not measured").
		return (spread != null) ? spread : 0;
	}

	/** A snapshot of the simul and every live slave. */
	public synchronized SimulStatus status() {
		List<SlaveStatus> list = this.slaves.values()
			.stream()
			.sorted(Comparator.comparing((Slave slave) -> slave.name))
			.map((slave) -> new SlaveStatus(slave.name, slave.lastSeen, fileState(slave), slave.md5,
					slave.timestampSeconds, slave.start, slave.reason(), slave.playCompleted, slave.conflicting,
					SimulLateness.phaseName(this.watch.lateFor(slave.name)), slave.latencyMillis))
			.toList();
		return new SimulStatus(this.state, this.filename, this.startAt, list, problems(), this.watch.policy());
	}

	synchronized int lateCount() {
		return this.watch.lateCount();
	}

	synchronized int liveSlaveCount() {
		return this.slaves.size();
	}

	/** Handles one frame from the advise bus: decodes it, counts it, updates the registry and the simul. */
	void onAdvise(byte[] frame) {
		AdviseMessage message;
		try {
			message = this.codec.decodeAdvise(frame);
		}
		catch (SimulCodecException ex) {
			this.meters.counter("mediafleet.simul.advise.rejected", "protocol", "simul").increment();
			log.warn("Dropped advise frame: " + ex.getMessage());
			return;
		}
		this.meters.counter("mediafleet.simul.advise.received", "mtype", message.messageType().wireName())
			.increment();
		List<String> news = new ArrayList<>();
		synchronized (this) {
			handle(message, news);
		}
		announce(news);
	}

	private void handle(AdviseMessage message, List<String> news) {
		Instant now = this.clock.instant();
		if (message instanceof SlaveExit exit) {
			if (this.slaves.remove(exit.src()) != null) {
				this.watch.forget(exit.src());
				news.add("slave " + exit.src() + " left");
				afterSlaveChange(news);
			}
			return;
		}
		Slave slave = this.slaves.get(message.src());
		if (slave == null) {
			if (this.slaves.size() >= this.settings.maxSlaves()) {
				this.meters.counter("mediafleet.simul.advise.dropped", "reason", "too-many-slaves").increment();
				return;
			}
			slave = new Slave(message.src(), now);
			this.slaves.put(slave.name, slave);
			news.add("slave " + slave.name + " joined");
			if (this.state == SimulState.READY) {
				setState(SimulState.LOCATING);
			}
			if ((this.state == SimulState.LOCATING || this.state == SimulState.PLAYING) && this.filename != null) {
				// Ask the newcomer now rather than at the next resend; while playing, it joins late (caught up).
				// With the md5 the others reported, so that a copy under another name is found too.
				publish(new SimulFile(slave.name, this.filename, majorityMd5()));
				this.watch.asked(now, slave.name);
			}
		}
		slave.lastSeen = now;
		if (slave.restored && slave.backAt == null) {
			slave.backAt = now;
		}
		switch (message) {
			case SlaveReady ready -> slave.latencyMillis = ready.latencyMillis();
			case FileStatus status -> {
				if (!status.filename().equals(this.filename)) {
					stale(status);
					return;
				}
				if (slave.md5 != null && status.md5() != null && !slave.md5.equals(status.md5())) {
					conflict(slave, "reported md5 " + slave.md5 + " and then " + status.md5() + " for " + status.filename(),
							news);
				}
				slave.fileReported = true;
				slave.missing = false;
				slave.missingReason = null;
				slave.md5 = status.md5();
				slave.timestampSeconds = status.timestampSeconds();
				if (fileState(slave) == FileState.OK && this.watch.fileReported(slave.name)) {
					news.add("simul " + this.filename + ": " + slave.name + " has the file now and joins");
				}
				afterSlaveChange(news);
			}
			case SimulStarted started -> {
				if (!started.filename().equals(this.filename)) {
					stale(started);
					return;
				}
				if (slave.start == StartState.NOT_STARTED) {
					conflict(slave, "reported both simul-notstarted and simul-started", news);
				}
				this.watch.startAnswered(slave.name);
				if (slave.start != StartState.STARTED && this.startAt != null && this.state == SimulState.STARTING) {
					Duration delay = Duration.between(this.startAt, now);
					this.startDelay.record(delay.isNegative() ? 0 : delay.toNanos(), TimeUnit.NANOSECONDS);
				}
				slave.start = StartState.STARTED;
				slave.restored = false;
				persist();
				afterStartAnswer(news);
			}
			case SimulNotStarted notStarted -> {
				if (!notStarted.filename().equals(this.filename)) {
					stale(notStarted);
					return;
				}
				if (slave.start == StartState.STARTED) {
					conflict(slave, "reported both simul-started and simul-notstarted", news);
				}
				else if (slave.start == StartState.PENDING || slave.start == StartState.NO_ANSWER) {
					// The answer to simul-start (a late one still counts).
					this.watch.startAnswered(slave.name);
					slave.startReason = notStarted.reason();
					slave.start = StartState.NOT_STARTED;
					persist();
					news.add("simul " + this.filename + ": " + slave.name + " did not start: " + notStarted.reason());
					afterStartAnswer(news);
				}
				else {
					// About the file (a slave repeats it while the file stays missing): announced once.
					if (!slave.missing) {
						news.add("simul " + this.filename + ": " + slave.name + " cannot use the file: "
								+ notStarted.reason());
					}
					slave.missing = true;
					slave.missingReason = notStarted.reason();
					slave.fileReported = false;
					afterSlaveChange(news);
				}
			}
			case SimulPlayCompleted completed -> {
				if (!completed.filename().equals(this.filename)) {
					stale(completed);
					return;
				}
				slave.playCompleted = true;
				persist();
				afterCompletion(news);
			}
			case SimulPosition position -> {
				if (!position.filename().equals(this.filename)) {
					stale(position);
					return;
				}
				boolean first = !this.positions.hasReport(slave.name);
				this.positions.record(position, now, this.timeline);
				if (slave.restored) {
					restoredMemberPlays(slave, news);
				}
				else if (first) {
					// Kept: after a restart, a member that reported positions and no longer does has ended.
					persist();
				}
			}
			case SlaveExit exit -> throw new IllegalStateException("handled above");
		}
	}

	/** Expires silent slaves, closes the start window and repeats {@code simul-file}; called periodically. */
	void tick() {
		List<String> news = new ArrayList<>();
		synchronized (this) {
			Instant now = this.clock.instant();
			Instant silentSince = now.minus(this.settings.slaveTimeout());
			List<String> gone = this.slaves.values()
				.stream()
				.filter((slave) -> slave.lastSeen.isBefore(silentSince))
				.map((slave) -> slave.name)
				.sorted()
				.toList();
			for (String name : gone) {
				this.slaves.remove(name);
				this.watch.forget(name);
				this.meters.counter("mediafleet.simul.slaves.expired").increment();
				news.add("slave " + name + " gone (silent for " + this.settings.slaveTimeout().toSeconds() + " s)");
			}
			if (!gone.isEmpty()) {
				afterSlaveChange(news);
			}
			this.positions.retain(this.slaves.keySet());
			if (this.state == SimulState.LOCATING && this.filename != null && !now.isBefore(this.nextResend)) {
				publish(SimulFile.of(this.filename).withMd5(majorityMd5()));
				this.nextResend = now.plus(this.settings.fileResendInterval());
			}
			Instant at = this.startAt;
			if (this.state == SimulState.STARTING && at != null
					&& now.isAfter(at.plus(this.settings.startTimeout()))) {
				List<String> silent = new ArrayList<>();
				for (Slave slave : this.slaves.values()) {
					if (slave.start == StartState.PENDING) {
						slave.start = StartState.NO_ANSWER;
						silent.add(slave.name);
					}
				}
				if (!silent.isEmpty()) {
					silent.sort(null);
					news.add("simul " + this.filename + ": no answer to simul-start from " + String.join(", ", silent));
				}
				MemberWatch.Late late = this.watch.startUnanswered(silent).orElse(null);
				if (late == null || !late(late, news)) {
					closeStart(news);
				}
			}
			if (this.state == SimulState.LOCATING) {
				List<String> withoutFile = this.slaves.values()
					.stream()
					.filter((slave) -> fileState(slave) != FileState.OK)
					.map((slave) -> slave.name)
					.toList();
				this.watch.checkFiles(now, withoutFile).ifPresent((late) -> late(late, news));
			}
			if (this.state == SimulState.PLAYING) {
				restoredMembersEnded(now, news);
				catchUp(now);
			}
		}
		announce(news);
	}

	private void afterSlaveChange(List<String> news) {
		refreshReadiness(news);
		if (this.state == SimulState.STARTING) {
			afterStartAnswer(news);
		}
		else if (this.state == SimulState.PLAYING) {
			afterCompletion(news);
		}
	}

	private void refreshReadiness(List<String> news) {
		if (this.state != SimulState.LOCATING && this.state != SimulState.READY) {
			return;
		}
		List<String> problems = problems();
		if (problems.isEmpty() && this.state == SimulState.LOCATING) {
			setState(SimulState.READY);
			news.add("simul " + this.filename + " is ready on " + this.slaves.size() + " slave(s): say !start");
		}
		else if (!problems.isEmpty() && this.state == SimulState.READY) {
			setState(SimulState.LOCATING);
			news.add("simul " + this.filename + " is no longer ready: " + String.join("; ", problems));
		}
		else if (!problems.isEmpty()) {
			List<String> mismatched = this.slaves.values()
				.stream()
				.filter((slave) -> fileState(slave) == FileState.MISMATCH && !slave.mismatchAnnounced)
				.map((slave) -> {
					slave.mismatchAnnounced = true;
					return slave.name;
				})
				.sorted()
				.toList();
			if (!mismatched.isEmpty()) {
				news.add("simul " + this.filename + ": md5 mismatch on " + String.join(", ", mismatched));
			}
		}
	}

	private void afterStartAnswer(List<String> news) {
		if (this.state != SimulState.STARTING) {
			return;
		}
		boolean allAnswered = this.slaves.values().stream().noneMatch((slave) -> slave.start == StartState.PENDING);
		if (allAnswered) {
			closeStart(news);
		}
	}

	private void closeStart(List<String> news) {
		List<String> started = namesWith(StartState.STARTED);
		if (started.isEmpty()) {
			setState(SimulState.FAILED);
			news.add("simul " + this.filename + ": no slave started");
			return;
		}
		setState(SimulState.PLAYING);
		List<String> failed = new ArrayList<>(namesWith(StartState.NOT_STARTED));
		failed.addAll(namesWith(StartState.NO_ANSWER));
		news.add("simul " + this.filename + ": playing on " + String.join(", ", started)
				+ (failed.isEmpty() ? "" : "; not started on " + String.join(", ", failed.stream().sorted().toList())));
	}

	private void afterCompletion(List<String> news) {
		if (this.state != SimulState.PLAYING) {
			return;
		}
		List<Slave> started = this.slaves.values().stream().filter((slave) -> slave.start == StartState.STARTED).toList();
		if (!started.isEmpty() && started.stream().allMatch((slave) -> slave.playCompleted)) {
			setState(SimulState.COMPLETED);
			news.add("simul " + this.filename + ": completed on every slave");
		}
	}

	private List<String> namesWith(StartState start) {
		return this.slaves.values().stream().filter((slave) -> slave.start == start).map((slave) -> slave.name).sorted().toList();
	}

	/** Why the current simul is not ready; empty when it is (or when there is no simul). */
	private List<String> problems() {
		if (this.filename == null) {
			return List.of();
		}
		if (this.slaves.isEmpty()) {
			return List.of("no live slaves");
		}
		Map<FileState, List<String>> byState = new LinkedHashMap<>();
		for (Slave slave : this.slaves.values()) {
			if (this.watch.isLeftOut(slave.name)) {
				continue;
			}
			byState.computeIfAbsent(fileState(slave), (key) -> new ArrayList<>()).add(slave.name);
		}
		List<String> problems = new ArrayList<>();
		if (byState.isEmpty()) {
			problems.add("every live slave is late and left out");
		}
		List<String> mismatch = byState.get(FileState.MISMATCH);
		if (mismatch != null) {
			problems.add("md5 mismatch on " + String.join(", ", mismatch.stream().sorted().toList()) + " (expected "
					+ majorityMd5() + ")");
		}
		List<String> missing = byState.get(FileState.MISSING);
		if (missing != null) {
			problems.add("missing on " + String.join(", ", missing.stream().sorted().toList()));
		}
		List<String> unknown = byState.get(FileState.UNKNOWN);
		if (unknown != null) {
			problems.add("no answer yet from " + String.join(", ", unknown.stream().sorted().toList()));
		}
		List<String> conflicting = this.slaves.values().stream().filter((slave) -> slave.conflicting).map((slave) -> slave.name).sorted().toList();
		if (!conflicting.isEmpty()) {
			problems.add("contradicting reports (one name used by two slaves?) from " + String.join(", ", conflicting));
		}
		return problems;
	}

	private FileState fileState(Slave slave) {
		if (this.filename == null) {
			return FileState.UNKNOWN;
		}
		if (slave.missing) {
			return FileState.MISSING;
		}
		if (!slave.fileReported) {
			return FileState.UNKNOWN;
		}
		String majority = majorityMd5();
		return (slave.md5 == null || majority == null || majority.equals(slave.md5)) ? FileState.OK
				: FileState.MISMATCH;
	}

	// The md5 most slaves reported; ties go to the smallest value so every caller agrees.
	private @Nullable String majorityMd5() {
		Map<String, Integer> counts = new HashMap<>();
		for (Slave slave : this.slaves.values()) {
			if (slave.fileReported && slave.md5 != null) {
				counts.merge(slave.md5, 1, Integer::sum);
			}
		}
		return counts.entrySet()
			.stream()
			.max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
			.map(Map.Entry::getKey)
			.orElse(null);
	}

	/**
	 * Applies the policy to members the watch found late: names them, and leaves them out or aborts.
	 * @return whether the simul was aborted
	 */
	private boolean late(MemberWatch.Late late, List<String> news) {
		String names = String.join(", ", late.names());
		String what = (late.phase() == MemberWatch.Phase.FILE)
				? " did not report the file within " + this.settings.fileTimeout().toSeconds() + " s"
				: " did not answer simul-start";
		LatePolicy policy = this.watch.policy();
		SimulLateness.countLate(this.meters, late, policy);
		log.warn("Simul " + this.filename + ": " + names + what + " (policy " + policy + ")");
		switch (late.action()) {
			case KEEP_WAITING -> news.add("simul " + this.filename + ": " + names + what + "; waiting for "
					+ ((late.names().size() == 1) ? "it" : "them") + " (policy wait)");
			case LEAVE_OUT -> {
				news.add("simul " + this.filename + ": " + names + what + "; going on without "
						+ ((late.names().size() == 1) ? "it" : "them") + " (policy start-without)");
				refreshReadiness(news);
			}
			case ABORT -> {
				news.add("simul " + this.filename + ": " + names + what + "; simul aborted (policy abort)");
				publish(SimulStop.of(Objects.requireNonNull(this.filename)));
				this.startAt = null;
				this.slaves.values().forEach(Slave::resetStart);
				setState(SimulState.FAILED);
				return true;
			}
		}
		return false;
	}

	// A member that has the file but is not playing while the group plays (it joined late, or did not answer the
	// start under the wait policy) is asked to start at the group's position, once per start window.
	private void catchUp(Instant now) {
		Instant groupStart = this.startAt;
		String file = this.filename;
		if (groupStart == null || file == null || this.timeline.isPaused()) {
			// Paused: a member that joins now is caught up when the group resumes.
			return;
		}
		for (Slave slave : this.slaves.values()) {
			boolean waiting = slave.start == StartState.NONE || slave.start == StartState.NO_ANSWER
					|| slave.start == StartState.PENDING;
			if (!waiting || fileState(slave) != FileState.OK || this.watch.isLeftOut(slave.name)
					|| now.isBefore(slave.nextCatchUp)) {
				continue;
			}
			Instant at = now.plus(this.settings.startLead());
			// The group's timeline knows its pauses and seeks; without one (not started by this master) count from the
			// start instant.
			long position = this.timeline.isRunning() ? this.timeline.positionAt(at)
					: Math.max(0, Duration.between(groupStart, at).toMillis());
			publish(new SimulStart(slave.name, file, at.toEpochMilli(), position));
			slave.start = StartState.PENDING;
			slave.nextCatchUp = at.plus(this.settings.startTimeout());
			this.meters.counter("mediafleet.simul.members.caught-up").increment();
			log.info("Simul " + file + ": catching " + slave.name + " up at " + position + " ms");
		}
	}

	private void conflict(Slave slave, String what, List<String> news) {
		this.meters.counter("mediafleet.simul.advise.conflicts").increment();
		log.warn("Slave name '" + slave.name + "' " + what + ": two slaves may be using one name");
		if (!slave.conflicting) {
			news.add("slave " + slave.name + " " + what + ": are two slaves using one name?");
		}
		slave.conflicting = true;
	}

	private void stale(AdviseMessage message) {
		this.meters.counter("mediafleet.simul.advise.stale").increment();
		if (log.isDebugEnabled()) {
			log.debug("Ignored " + message.messageType().wireName() + " from " + message.src()
					+ " about another file than the current simul's " + describeFile());
		}
	}

	private String describeFile() {
		return (this.filename != null) ? this.filename : "(none)";
	}

	private String stateName() {
		return this.state.name().toLowerCase(Locale.ROOT);
	}

	private void setState(SimulState next) {
		this.stateGauges.get(this.state).set(0);
		this.state = next;
		this.stateGauges.get(next).set(1);
		persist();
	}

	private void publish(CommandMessage command) {
		SimulBuses bus = this.buses;
		if (bus == null) {
			throw new SimulCommandException("the simul buses are not running");
		}
		bus.publish(this.codec.encode(command));
		this.meters.counter("mediafleet.simul.commands.published", "mtype", command.messageType().wireName())
			.increment();
	}

	private void countCommand(String command, String source) {
		this.meters.counter("mediafleet.simul.commands", "command", command, "source", source).increment();
	}

	private void announce(List<String> news) {
		for (String text : news) {
			log.info(text);
			for (SimulListener listener : this.listeners) {
				try {
					listener.announce(text);
				}
				catch (RuntimeException ex) {
					log.warn("Simul listener failed", ex);
				}
			}
		}
	}

	// Kept across a restart (SimulStateStore, issue #21): a snapshot after every change, and the restore at start.

	/** Hands the simul's state to the store when it changed since the last snapshot; never blocks (under the lock). */
	private void persist() {
		SimulSnapshot snapshot = snapshot();
		SimulSnapshot last = this.lastSnapshot;
		if (last != null && last.withoutSavedAt().equals(snapshot.withoutSavedAt())) {
			return;
		}
		this.lastSnapshot = snapshot;
		try {
			this.snapshots.accept(snapshot);
		}
		catch (RuntimeException ex) {
			log.warn("Could not hand the simul state to its store", ex);
		}
	}

	/** The simul's state as kept across a restart. */
	synchronized SimulSnapshot snapshot() {
		List<SimulSnapshot.Member> members = this.slaves.values()
			.stream()
			.sorted(Comparator.comparing((Slave slave) -> slave.name))
			.map((slave) -> new SimulSnapshot.Member(slave.name, slave.fileReported, slave.missing, slave.md5,
					slave.start, slave.playCompleted, slave.latencyMillis,
					slave.reportsPosition || this.positions.hasReport(slave.name)))
			.toList();
		return new SimulSnapshot(this.state, this.filename, this.startAt, this.timeline.anchor(),
				this.timeline.anchorPositionMs(), this.timeline.isPaused(), this.watch.policy(), members,
				this.clock.instant());
	}

	/**
	 * Takes up a simul kept across a restart: the same file, start instant, timeline and policy; its members are in
	 * the registry as last known, seen now, so that each has one slave timeout to advise again before it is gone
	 * (then, like any silent slave, it is named gone; if it comes back later it joins late at the group's
	 * position). A member that advises again is matched, not started anew: it keeps playing. A ready simul is
	 * locating again until every member reported the file once more. Nothing is published here.
	 */
	synchronized void restore(SimulSnapshot snapshot) {
		if (!snapshot.hasSimul()) {
			return;
		}
		Instant now = this.clock.instant();
		this.filename = snapshot.filename();
		this.startAt = snapshot.startAt();
		Instant anchor = snapshot.anchor();
		if (anchor != null) {
			this.timeline.restore(anchor, snapshot.anchorPositionMs(), snapshot.paused());
		}
		else {
			this.timeline.clear();
		}
		this.positions.clear();
		List<String> names = snapshot.members().stream().map(SimulSnapshot.Member::name).toList();
		this.watch.simulBegun(now, snapshot.latePolicy(), names);
		for (SimulSnapshot.Member member : snapshot.members()) {
			Slave slave = this.slaves.get(member.name());
			if (slave == null) {
				if (this.slaves.size() >= this.settings.maxSlaves()) {
					continue;
				}
				slave = new Slave(member.name(), now);
				this.slaves.put(slave.name, slave);
			}
			slave.fileReported = member.fileReported();
			slave.missing = member.missing();
			slave.md5 = member.md5();
			slave.start = member.start();
			slave.playCompleted = member.playCompleted();
			slave.latencyMillis = member.latencyMs();
			slave.reportsPosition = member.reportsPosition();
			slave.restored = true;
			slave.backAt = null;
			slave.nextCatchUp = now.plus(this.settings.slaveTimeout());
			if (member.fileReported() && !member.missing()) {
				this.watch.fileReported(slave.name);
			}
		}
		this.restoredAt = now;
		this.nextResend = now;
		// A start window open when the master went away is long closed: the members that started say so by their
		// positions, the others are caught up (after a slave timeout) like any member that did not start.
		setState(switch (snapshot.state()) {
			case READY -> SimulState.LOCATING;
			case STARTING -> SimulState.PLAYING;
			default -> snapshot.state();
		});
		log.info("Simul " + this.filename + " taken up after a restart: " + stateName() + ", started at "
				+ this.startAt + ", " + names.size() + " member(s) " + names);
	}

	// A restored member that reports its position plays: it is matched to the simul (no second start); one that was
	// still pending in the start window when the master went away started meanwhile.
	private void restoredMemberPlays(Slave slave, List<String> news) {
		slave.restored = false;
		if (slave.start != StartState.STARTED && !slave.playCompleted) {
			slave.start = StartState.STARTED;
			this.watch.startAnswered(slave.name);
			persist();
			afterStartAnswer(news);
		}
	}

	// A restored member that used to report its position (our agents do, every second, playing or paused) and has
	// been back for RESTORED_SILENCE without reporting one: its playback ended while the master was away (the file's
	// length passed, or it was stopped); its simul-playcompleted went to no one. Counted as completed.
	private void restoredMembersEnded(Instant now, List<String> news) {
		if (this.restoredAt == null) {
			return;
		}
		boolean changed = false;
		for (Slave slave : this.slaves.values()) {
			Instant back = slave.backAt;
			if (slave.restored && slave.reportsPosition && slave.start == StartState.STARTED && !slave.playCompleted
					&& back != null && !now.isBefore(back.plus(RESTORED_SILENCE))) {
				slave.restored = false;
				slave.playCompleted = true;
				changed = true;
				news.add("simul " + this.filename + ": " + slave.name
						+ " is back but no longer playing: it ended while the master was away");
			}
		}
		if (changed) {
			persist();
			afterCompletion(news);
		}
	}

	/** What the master knows about one slave; guarded by the master's lock. */
	private static final class Slave {

		final String name;

		Instant lastSeen;

		boolean fileReported;

		boolean missing;

		@Nullable String md5;

		@Nullable Long timestampSeconds;

		StartState start = StartState.NONE;

		// Why the file is missing (simul-notstarted before a start) and why a start failed, kept apart so that a
		// later file-status does not erase the reason a start failed.
		@Nullable String missingReason;

		@Nullable String startReason;

		boolean playCompleted;

		boolean conflicting;

		boolean mismatchAnnounced;

		// The latency offset the slave reported in slave-ready, if any.
		@Nullable Integer latencyMillis;

		// When a catch-up start may be sent (again) to this member.
		Instant nextCatchUp = Instant.EPOCH;

		// Taken up from a snapshot after a restart and not yet heard playing; whether it reported positions then.
		boolean restored;

		boolean reportsPosition;

		// When a restored member first advised after the restore.
		@Nullable Instant backAt;

		Slave(String name, Instant lastSeen) {
			this.name = name;
			this.lastSeen = lastSeen;
		}

		void resetFile() {
			this.fileReported = false;
			this.missing = false;
			this.md5 = null;
			this.timestampSeconds = null;
			this.missingReason = null;
			this.conflicting = false;
			this.mismatchAnnounced = false;
		}

		void resetSimul() {
			resetFile();
			resetStart();
			this.reportsPosition = false;
		}

		void resetStart() {
			this.start = StartState.NONE;
			this.nextCatchUp = Instant.EPOCH;
			this.playCompleted = false;
			this.startReason = null;
			this.restored = false;
		}

		@Nullable String reason() {
			return (this.startReason != null) ? this.startReason : this.missingReason;
		}

	}

}
