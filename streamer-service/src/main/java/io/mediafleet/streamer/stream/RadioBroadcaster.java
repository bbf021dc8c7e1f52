package io.mediafleet.streamer.stream;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import io.mediafleet.streamer.mp3.Mp3Audio;
import io.mediafleet.streamer.mp3.Mp3FrameHeader;
import io.mediafleet.streamer.mp3.Mp3FrameReader;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Plays one radio: a single thread reads the current track's frames and hands each one, at the moment it starts
 * playing, to every listener's queue; the same frame array is shared by all listeners.
 * <p>
 * Timing comes from the frame headers (samples per frame / sample rate), so any bitrate and sample rate play at the
 * right speed. A {@code play} is started at {@code receipt + delay}, from {@code offset} seconds into the file (on a
 * frame boundary); the track playing then is cut. When the current track ends before the next {@code play}, silent
 * frames of the last format fill the gap (an underrun) so listeners stay connected.
 * <p>
 * A {@code play} that repeats what is already planned is ignored and counted ({@code mediafleet.streamer.plays.repeated}):
 * the scheduler answers a re-announced radio with the song on air at its current offset and the track it already
 * announced, and obeying those would cut the song and restart it a few frames away. It is a repeat when it names the
 * file on air and, at its start time, asks for the position the radio will be at then (within
 * {@link #REPEAT_TOLERANCE_NANOS}) with no other track queued before it, or when it names a queued track's file with
 * the same start time and offset (within the same tolerance).
 * <p>
 * A listener joining gets the last {@code burstBytes} of frames at once, so its player starts without waiting. A
 * listener whose queue is full is dropped (and counted) instead of slowing the radio or growing memory.
 * <p>
 * Listeners of the dedicated listener port ({@link ListenerServer}) have no queue here: the radio collects the frames
 * published since the server's last write tick once, and the server writes that one batch to all of them.
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code burstBytes}: frames kept for joining listeners.</li>
 * <li>{@code listenerQueueBytes}: most frame bytes queued per listener before it is dropped.</li>
 * <li>{@link #MAX_PENDING_PLAYS}: {@code play} messages waiting for their start time.</li>
 * <li>frames collected for the shared writer: at most four times {@code burstBytes}.</li>
 * </ul>
 */
final class RadioBroadcaster {

	private static final Log log = LogFactory.getLog(RadioBroadcaster.class);

	/** At most this many future tracks wait; the scheduler sends one about 5 s ahead. */
	static final int MAX_PENDING_PLAYS = 16;

	/**
	 * How far a {@code play}'s start time and offset may be from what is already planned and still count as a repeat:
	 * far above the scheduler's and Redis's delivery time, far below anything a listener would call the same song.
	 */
	static final long REPEAT_TOLERANCE_NANOS = TimeUnit.SECONDS.toNanos(1);

	/** Falling this far behind real time (a paused process) restarts the clock instead of catching up in a burst. */
	private static final long RESYNC_NANOS = TimeUnit.SECONDS.toNanos(2);

	private final String radioUuid;

	private final TrackLoader loader;

	private final StreamMetrics metrics;

	private final long burstBytes;

	private final long lateToleranceNanos;

	private final ReentrantLock playLock = new ReentrantLock();

	private final Condition playArrived = this.playLock.newCondition();

	private final PriorityQueue<PendingPlay> pending = new PriorityQueue<>(
			(a, b) -> Long.compare(a.startAtNanos(), b.startAtNanos()));

	private final ReentrantLock fanoutLock = new ReentrantLock();

	private final List<ListenerSession> listeners = new ArrayList<>();

	private final ArrayDeque<Frame> burst = new ArrayDeque<>();

	private long burstHeld;

	/** Frames published since the shared writer last took them (only while it has listeners here). */
	private final ArrayDeque<Frame> shared = new ArrayDeque<>();

	private long sharedHeld;

	private int sharedListeners;

	/** HLS sessions of this radio (they fetch segments, they hold no queue here). */
	private int hlsListeners;

	/** Receives every published frame for HLS segments, while any HLS session plays this radio. */
	private @Nullable Consumer<Frame> hlsTap;

	private volatile @Nullable Thread thread;

	private volatile @Nullable HttpURLConnection relayConnection;

	private final Instant startedAt = Instant.now();

	private volatile boolean running = true;

	private volatile SongInfo song = SongInfo.NONE;

	private volatile int bitrateKbps;

	private @Nullable LoadedPlay current;

	/** The file on air and where it is, for recognising a repeated {@code play}; {@code null} when none is. */
	private volatile @Nullable OnAir onAir;

	private int currentIndex;

	private byte @Nullable [] silence;

	private long silenceNanos;

	private boolean inGap;

	private int peakListeners;

	RadioBroadcaster(String radioUuid, TrackLoader loader, StreamMetrics metrics, long burstBytes,
			long lateToleranceNanos) {
		this.radioUuid = radioUuid;
		this.loader = loader;
		this.metrics = metrics;
		this.burstBytes = burstBytes;
		this.lateToleranceNanos = lateToleranceNanos;
	}

	/** Plays the scheduler's {@code play} messages from the library. */
	void start() {
		// A platform thread: pacing must not wait behind thousands of listener virtual threads.
		this.thread = Thread.ofPlatform().daemon().name("radio-" + this.radioUuid).start(this::run);
	}

	/**
	 * Relays another streamer's stream of this radio instead of playing files: frames are forwarded as they arrive
	 * (the master paces them), titles come from the master's ICY metadata. A broken connection is retried every
	 * second while the radio runs; after {@link #RELAY_ATTEMPTS_BEFORE_REASK} attempts in a row that brought no
	 * audio, {@code masterLost} asks the scheduler again: relay from the master it names (a new one, once the
	 * scheduler declared the old one dead), play the files here (this streamer became the master), or keep trying.
	 */
	void startRelay(URI master, Function<URI, MasterAnswer> masterLost) {
		this.thread = Thread.ofPlatform()
			.daemon()
			.name("relay-" + this.radioUuid)
			.start(() -> relay(master, masterLost));
	}

	/** Failed relay attempts in a row (one a second) before the scheduler is asked for the radio again. */
	static final int RELAY_ATTEMPTS_BEFORE_REASK = 3;

	/**
	 * How long a relay waits for its master's answer or next bytes before the attempt fails. A master sends audio
	 * paced in real time, so seconds without a byte mean it died or froze; a frozen master (SIGSTOP, a hung host)
	 * still accepts connections in the kernel, so this, not the connect time-out, bounds each attempt, and
	 * {@link #RELAY_ATTEMPTS_BEFORE_REASK} of them pass before the scheduler names a new master (10 s each was 33 s
	 * of silence in the fault matrix's streamer freeze).
	 */
	static final int RELAY_READ_TIMEOUT_MILLIS = 3000;

	/** The scheduler's answer to a relay whose master stopped sending audio. */
	sealed interface MasterAnswer {

		/** Relay from this master (the same or a new one). */
		record RelayFrom(URI master) implements MasterAnswer {
		}

		/** This streamer masters the radio now: play the scheduler's files. */
		record PlayHere() implements MasterAnswer {
		}

		/** No answer in time: keep trying the same master. */
		record NoAnswer() implements MasterAnswer {
		}

	}

	String radioUuid() {
		return this.radioUuid;
	}

	/**
	 * Schedules a track; blocks while the file is read, so call it off the Redis event loop.
	 */
	void play(String filename, double delaySeconds, double offsetSeconds, double crossfadeSeconds) {
		play(filename, delaySeconds, offsetSeconds, crossfadeSeconds, System.nanoTime());
	}

	/**
	 * Schedules a track whose message arrived at {@code receivedAt} ({@link System#nanoTime()}), unless it repeats
	 * what is already planned; blocks while the file is read, so call it off the Redis event loop.
	 */
	void play(String filename, double delaySeconds, double offsetSeconds, double crossfadeSeconds, long receivedAt) {
		this.metrics.playCommands.increment();
		long startAt = receivedAt + seconds(delaySeconds);
		long offsetNanos = seconds(offsetSeconds);
		this.playLock.lock();
		try {
			if (isRepeatLocked(filename, startAt, offsetNanos)) {
				this.metrics.repeatedPlays.increment();
				log.debug("Radio " + this.radioUuid + ": play of '" + filename + "' at " + offsetSeconds
						+ " s repeats what is planned: ignored");
				return;
			}
		}
		finally {
			this.playLock.unlock();
		}
		LoadedPlay loaded;
		try {
			TrackLoader.LoadedTrack track = this.loader.load(filename);
			this.metrics.corruptRegions.increment(track.audio().corruptRegions());
			loaded = new LoadedPlay(track.audio(), SongInfo.of(track.title()));
		}
		catch (TrackLoader.TrackUnavailableException ex) {
			this.metrics.missingFiles.increment();
			log.warn("Radio " + this.radioUuid + ": cannot play '" + filename + "' (" + ex.getMessage()
					+ "); sending silence until the next track");
			loaded = null;
		}
		this.playLock.lock();
		try {
			if (this.pending.size() == MAX_PENDING_PLAYS) {
				log.warn("Radio " + this.radioUuid + ": " + MAX_PENDING_PLAYS + " tracks already wait; '" + filename
						+ "' ignored");
				return;
			}
			this.pending.add(new PendingPlay(filename, startAt, offsetNanos, loaded));
			this.playArrived.signalAll();
		}
		finally {
			this.playLock.unlock();
		}
	}

	private boolean isRepeatLocked(String filename, long startAt, long offsetNanos) {
		for (PendingPlay queued : this.pending) {
			if (queued.filename().equals(filename) && near(queued.startAtNanos(), startAt)
					&& near(queued.startAtNanos() - queued.offsetNanos(), startAt - offsetNanos)) {
				return true;
			}
		}
		OnAir air = this.onAir;
		if (air == null || !air.filename().equals(filename)) {
			return false;
		}
		for (PendingPlay queued : this.pending) {
			// Another track takes over before this play would start: by then the file is no longer on air.
			if (queued.startAtNanos() <= startAt) {
				return false;
			}
		}
		long position = startAt - air.zeroNanos();
		return position < air.durationNanos() && near(position, offsetNanos);
	}

	private static boolean near(long a, long b) {
		return Math.abs(a - b) <= REPEAT_TOLERANCE_NANOS;
	}

	/** Adds a listener and queues the burst for it, atomically with respect to new frames. */
	void attach(ListenerSession listener) {
		this.fanoutLock.lock();
		try {
			for (Frame frame : this.burst) {
				listener.queue().offer(frame);
			}
			this.listeners.add(listener);
			this.peakListeners = Math.max(this.peakListeners, this.listeners.size() + this.sharedListeners);
		}
		finally {
			this.fanoutLock.unlock();
		}
	}

	void detach(ListenerSession listener) {
		this.fanoutLock.lock();
		try {
			this.listeners.remove(listener);
		}
		finally {
			this.fanoutLock.unlock();
		}
	}

	/**
	 * Adds a listener served by the shared writer ({@link ListenerServer}): returns the frames published since the
	 * writer last took them (for the listeners it already serves) and puts the burst, as of the same instant, into
	 * {@code burstInto} (for the new one), so no frame is given twice or skipped.
	 */
	List<Frame> attachShared(List<Frame> burstInto) {
		this.fanoutLock.lock();
		try {
			List<Frame> taken = takeSharedLocked();
			burstInto.addAll(this.burst);
			this.sharedListeners++;
			this.peakListeners = Math.max(this.peakListeners, this.listeners.size() + this.sharedListeners);
			return taken;
		}
		finally {
			this.fanoutLock.unlock();
		}
	}

	void detachShared() {
		this.fanoutLock.lock();
		try {
			this.sharedListeners = Math.max(0, this.sharedListeners - 1);
			if (this.sharedListeners == 0) {
				this.shared.clear();
				this.sharedHeld = 0;
			}
		}
		finally {
			this.fanoutLock.unlock();
		}
	}

	/** The frames published since the last call, for every listener of the shared writer. */
	List<Frame> takeShared() {
		this.fanoutLock.lock();
		try {
			return takeSharedLocked();
		}
		finally {
			this.fanoutLock.unlock();
		}
	}

	private List<Frame> takeSharedLocked() {
		if (this.shared.isEmpty()) {
			return List.of();
		}
		List<Frame> taken = new ArrayList<>(this.shared);
		this.shared.clear();
		this.sharedHeld = 0;
		return taken;
	}

	/**
	 * Sends every frame published from now on to {@code tap} (the HLS segmenter), after the burst, atomically with
	 * respect to new frames; {@code null} removes the tap.
	 */
	void tapForHls(@Nullable Consumer<Frame> tap) {
		this.fanoutLock.lock();
		try {
			if (tap != null) {
				this.burst.forEach(tap);
			}
			this.hlsTap = tap;
		}
		finally {
			this.fanoutLock.unlock();
		}
	}

	/** One more (+1) or one fewer (-1) HLS session listens to this radio. */
	void countHlsListener(int change) {
		this.fanoutLock.lock();
		try {
			this.hlsListeners = Math.max(0, this.hlsListeners + change);
			this.peakListeners = Math.max(this.peakListeners, this.listeners.size() + this.sharedListeners
					+ this.hlsListeners);
		}
		finally {
			this.fanoutLock.unlock();
		}
	}

	boolean isStopped() {
		return !this.running;
	}

	int listenerCount() {
		this.fanoutLock.lock();
		try {
			return this.listeners.size() + this.sharedListeners + this.hlsListeners;
		}
		finally {
			this.fanoutLock.unlock();
		}
	}

	int peakListeners() {
		this.fanoutLock.lock();
		try {
			return this.peakListeners;
		}
		finally {
			this.fanoutLock.unlock();
		}
	}

	String title() {
		return this.song.title();
	}

	int bitrateKbps() {
		return this.bitrateKbps;
	}

	Instant startedAt() {
		return this.startedAt;
	}

	/** Stops the thread and ends every listener's stream. */
	void stop() {
		this.running = false;
		Thread running = this.thread;
		if (running != null) {
			running.interrupt();
		}
		HttpURLConnection connection = this.relayConnection;
		if (connection != null) {
			connection.disconnect();
		}
		this.fanoutLock.lock();
		try {
			for (ListenerSession listener : this.listeners) {
				listener.queue().close();
			}
			this.listeners.clear();
			this.burst.clear();
			this.shared.clear();
			this.sharedHeld = 0;
		}
		finally {
			this.fanoutLock.unlock();
		}
	}

	private void run() {
		try {
			long next = System.nanoTime();
			while (this.running) {
				PendingPlay due = takeDue(next);
				if (due != null) {
					switchTo(due, next);
				}
				Frame frame = nextFrame();
				if (frame == null) {
					awaitPlay();
					next = System.nanoTime();
					continue;
				}
				publish(frame);
				next += frame.durationNanos();
				long now = System.nanoTime();
				if (now - next > RESYNC_NANOS) {
					shiftOnAir(now - next);
					next = now;
				}
				while (this.running && (now = System.nanoTime()) < next) {
					LockSupport.parkNanos(next - now);
				}
			}
		}
		catch (InterruptedException ex) {
			// stop() interrupts: the radio ends.
		}
		catch (RuntimeException ex) {
			log.error("Radio " + this.radioUuid + " stopped by an unexpected error", ex);
		}
	}

	private void relay(URI firstMaster, Function<URI, MasterAnswer> masterLost) {
		URI master = firstMaster;
		int failures = 0;
		while (this.running) {
			boolean flowed = false;
			try {
				HttpURLConnection connection = (HttpURLConnection) master.toURL().openConnection();
				this.relayConnection = connection;
				connection.setRequestProperty("Icy-MetaData", "1");
				// Served like a listener by the master, but not registered as a listening session there.
				connection.setRequestProperty(ListenerRequests.RELAY_HEADER, "1");
				connection.setConnectTimeout(5000);
				connection.setReadTimeout(RELAY_READ_TIMEOUT_MILLIS);
				if (connection.getResponseCode() != 200) {
					throw new IOException("master answered HTTP " + connection.getResponseCode());
				}
				int metaint = parseMetaint(connection.getHeaderField("icy-metaint"));
				try (InputStream in = new IcyInputStream(connection.getInputStream(), metaint, this::relayedTitle)) {
					Mp3FrameReader reader = new Mp3FrameReader(in);
					long corrupt = 0;
					byte[] frame;
					while (this.running && (frame = reader.next()) != null) {
						Mp3FrameHeader header = Mp3FrameHeader.parse(frame, 0);
						this.bitrateKbps = header.bitrateKbps();
						publish(new Frame(frame, 0, frame.length, header.durationNanos(), this.song));
						flowed = true;
						if (reader.corruptRegions() > corrupt) {
							this.metrics.corruptRegions.increment(reader.corruptRegions() - corrupt);
							corrupt = reader.corruptRegions();
						}
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				if (this.running) {
					log.warn("Radio " + this.radioUuid + ": relay from " + master + " broke (" + ex.getMessage()
							+ "); retrying");
				}
			}
			if (!this.running) {
				return;
			}
			this.metrics.underruns.increment();
			failures = flowed ? 1 : failures + 1;
			if (failures >= RELAY_ATTEMPTS_BEFORE_REASK) {
				failures = 0;
				MasterAnswer answer = masterLost.apply(master);
				if (answer instanceof MasterAnswer.PlayHere) {
					log.info("Radio " + this.radioUuid + ": master " + master + " lost; this streamer masters it now");
					this.relayConnection = null;
					run();
					return;
				}
				if (answer instanceof MasterAnswer.RelayFrom relayFrom && !relayFrom.master().equals(master)) {
					log.info("Radio " + this.radioUuid + ": master " + master + " lost; relaying " + relayFrom.master());
					master = relayFrom.master();
					continue;
				}
			}
			try {
				Thread.sleep(1000);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private void relayedTitle(String title) {
		if (!title.equals(this.song.title())) {
			this.song = SongInfo.of(title);
		}
	}

	private static int parseMetaint(@Nullable String value) {
		try {
			int metaint = (value != null) ? Integer.parseInt(value.strip()) : 0;
			return (metaint > 0 && metaint <= 1_000_000) ? metaint : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private @Nullable PendingPlay takeDue(long now) {
		this.playLock.lock();
		try {
			PendingPlay head = this.pending.peek();
			if (head == null || head.startAtNanos() > now) {
				return null;
			}
			// Several due at once (a long pause): the latest one wins, the others would be cut at once anyway.
			PendingPlay latest = this.pending.poll();
			while ((head = this.pending.peek()) != null && head.startAtNanos() <= now) {
				latest = this.pending.poll();
			}
			return latest;
		}
		finally {
			this.playLock.unlock();
		}
	}

	private void awaitPlay() throws InterruptedException {
		this.playLock.lock();
		try {
			while (this.running) {
				PendingPlay head = this.pending.peek();
				long wait = (head != null) ? head.startAtNanos() - System.nanoTime() : TimeUnit.SECONDS.toNanos(1);
				if (head != null && wait <= 0) {
					return;
				}
				this.playArrived.awaitNanos(wait);
			}
		}
		finally {
			this.playLock.unlock();
		}
	}

	private void switchTo(PendingPlay play, long now) {
		long lateness = Math.max(0, now - play.startAtNanos());
		if (lateness > this.lateToleranceNanos) {
			this.metrics.lateStarts.increment();
		}
		LoadedPlay loaded = play.track();
		this.current = loaded;
		if (loaded == null) {
			this.onAir = null;
			return;
		}
		// Starting later than asked: skip what should already have played, so the radio stays on the schedule.
		Mp3Audio audio = loaded.audio();
		this.currentIndex = audio.frameIndexAt(play.offsetNanos() + lateness);
		// The frame at currentIndex goes out at `now`: offset 0 of the file is (or would have been) on air then.
		long zero = now - ((this.currentIndex < audio.frameCount()) ? audio.frameStartNanos(this.currentIndex)
				: audio.durationNanos());
		this.onAir = new OnAir(play.filename(), zero, audio.durationNanos());
		Mp3FrameHeader format = audio.firstHeader();
		this.silence = format.silentFrame();
		this.silenceNanos = format.durationNanos();
		this.bitrateKbps = audio.averageBitrateKbps();
		this.song = loaded.song();
	}

	/** The clock restarted after a pause: the file on air now plays {@code nanos} later than planned. */
	private void shiftOnAir(long nanos) {
		OnAir air = this.onAir;
		if (air != null) {
			this.onAir = new OnAir(air.filename(), air.zeroNanos() + nanos, air.durationNanos());
		}
	}

	private @Nullable Frame nextFrame() {
		LoadedPlay loaded = this.current;
		if (loaded != null && this.currentIndex < loaded.audio().frameCount()) {
			Mp3Audio audio = loaded.audio();
			int index = this.currentIndex++;
			this.inGap = false;
			return new Frame(audio.data(), audio.frameOffset(index), audio.frameLength(index),
					audio.frameDurationNanos(index), loaded.song());
		}
		byte[] silent = this.silence;
		if (silent == null) {
			return null;
		}
		if (!this.inGap) {
			this.inGap = true;
			this.metrics.underruns.increment();
		}
		return new Frame(silent, 0, silent.length, this.silenceNanos, this.song);
	}

	private void publish(Frame frame) {
		List<ListenerSession> lagging = null;
		this.fanoutLock.lock();
		try {
			this.burst.addLast(frame);
			this.burstHeld += frame.length();
			Consumer<Frame> tap = this.hlsTap;
			if (tap != null) {
				tap.accept(frame);
			}
			while (this.burstHeld > this.burstBytes) {
				this.burstHeld -= this.burst.removeFirst().length();
			}
			if (this.sharedListeners > 0) {
				this.shared.addLast(frame);
				this.sharedHeld += frame.length();
				// A stalled writer must not make this grow: its listeners then lose the oldest frames.
				while (this.sharedHeld > 4 * this.burstBytes) {
					this.sharedHeld -= this.shared.removeFirst().length();
				}
			}
			for (ListenerSession listener : this.listeners) {
				// A closed queue is a listener that left: removed without counting it as lagging.
				if (!listener.queue().offer(frame)) {
					if (lagging == null) {
						lagging = new ArrayList<>();
					}
					lagging.add(listener);
				}
			}
			if (lagging != null) {
				this.listeners.removeAll(lagging);
			}
		}
		finally {
			this.fanoutLock.unlock();
		}
		if (lagging != null) {
			for (ListenerSession listener : lagging) {
				if (listener.queue().isClosed()) {
					continue;
				}
				listener.dropForLag();
				this.metrics.droppedForLag.increment();
			}
		}
	}

	private static long seconds(double seconds) {
		return (long) (seconds * 1e9);
	}

	private record LoadedPlay(Mp3Audio audio, SongInfo song) {
	}

	private record PendingPlay(String filename, long startAtNanos, long offsetNanos, @Nullable LoadedPlay track) {
	}

	/**
	 * The file on air.
	 *
	 * @param filename the name the scheduler gave it
	 * @param zeroNanos when ({@link System#nanoTime()}) its first frame went, or would have gone, out
	 * @param durationNanos its length
	 */
	private record OnAir(String filename, long zeroNanos, long durationNanos) {
	}

}
