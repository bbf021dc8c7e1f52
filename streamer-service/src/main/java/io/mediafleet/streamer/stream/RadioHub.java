package io.mediafleet.streamer.stream;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.mediafleet.streamer.stream.SchedulerLink.RadioStart;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * The radios this streamer plays: starts a radio (asking the scheduler with {@code play_radio}) when its first
 * listener arrives, stops it ({@code stop_radio}) when its last listener has been gone for the linger time, admits
 * listeners up to the limit, and routes the scheduler's {@code play} messages to the radio's broadcaster.
 */
public final class RadioHub implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(RadioHub.class);

	private final StreamSettings settings;

	private final TrackLoader loader;

	private final StreamMetrics metrics;

	private final MeterRegistry registry;

	private final SchedulerLink link;

	private final AtomicInteger admitted = new AtomicInteger();

	/** Listener slots held per source address; an address leaves the map with its last listener. */
	private final Map<InetAddress, Integer> admittedPerAddress = new ConcurrentHashMap<>();

	private volatile boolean running;

	private final Map<String, RadioState> radios = new HashMap<>();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
			Thread.ofPlatform().daemon().name("radio-linger").factory());

	RadioHub(StreamSettings settings, TrackLoader loader, StreamMetrics metrics, MeterRegistry registry,
			SchedulerLink link) {
		this.settings = settings;
		this.loader = loader;
		this.metrics = metrics;
		this.registry = registry;
		this.link = link;
	}

	/**
	 * Takes one of the listener slots for a listener from {@code source}, or returns {@code false} at the limit, or
	 * when {@code source} already holds its share ({@code listenerLimitPerAddress}). Every admission must be
	 * balanced by {@link #release(InetAddress)} with the same address.
	 */
	boolean tryAdmit(@Nullable InetAddress source) {
		if (!admitFrom(source)) {
			this.metrics.refusedLimit.increment();
			return false;
		}
		while (true) {
			int now = this.admitted.get();
			if (now >= this.settings.listenerLimit()) {
				releaseFrom(source);
				this.metrics.refusedLimit.increment();
				return false;
			}
			if (this.admitted.compareAndSet(now, now + 1)) {
				return true;
			}
		}
	}

	void release(@Nullable InetAddress source) {
		this.admitted.decrementAndGet();
		releaseFrom(source);
	}

	private boolean admitFrom(@Nullable InetAddress source) {
		int limit = this.settings.listenerLimitPerAddress();
		if (limit <= 0 || source == null) {
			return true;
		}
		boolean[] admitted = { false };
		this.admittedPerAddress.compute(source, (key, count) -> {
			int now = (count != null) ? count : 0;
			if (now >= limit) {
				return count;
			}
			admitted[0] = true;
			return now + 1;
		});
		return admitted[0];
	}

	private void releaseFrom(@Nullable InetAddress source) {
		if (this.settings.listenerLimitPerAddress() > 0 && source != null) {
			this.admittedPerAddress.computeIfPresent(source, (key, count) -> (count <= 1) ? null : count - 1);
		}
	}

	int admittedListeners() {
		return this.admitted.get();
	}

	/**
	 * The broadcaster of a radio, starting it when needed; completes with {@code null} when the scheduler does not
	 * know the radio. Every call must be balanced by {@link #leave(String)}.
	 */
	synchronized CompletableFuture<@Nullable RadioBroadcaster> join(String radioUuid) {
		RadioState state = this.radios.get(radioUuid);
		if (state != null) {
			state.members++;
			if (state.linger != null) {
				state.linger.cancel(false);
				state.linger = null;
			}
			return state.ready;
		}
		RadioBroadcaster broadcaster = new RadioBroadcaster(radioUuid, this.loader, this.metrics,
				this.settings.burstBytes(), this.settings.lateStartTolerance().toNanos());
		RadioState created = new RadioState(broadcaster);
		created.members = 1;
		this.radios.put(radioUuid, created);
		this.link.startRadio(radioUuid)
			.orTimeout(this.settings.schedulerTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((start, failure) -> started(created, start, failure));
		return created.ready;
	}

	private void started(RadioState state, @Nullable RadioStart start, @Nullable Throwable failure) {
		RadioBroadcaster broadcaster = state.broadcaster;
		URI relay = (start instanceof RadioStart.Exists exists) ? relayUri(exists.masterUrl()) : null;
		if (start instanceof RadioStart.Started || relay != null) {
			if (relay != null) {
				state.relayed = true;
				log.info("Radio " + broadcaster.radioUuid() + " is mastered elsewhere: relaying " + relay);
				broadcaster.startRelay(relay, (lost) -> reask(state));
			}
			else {
				broadcaster.start();
			}
			state.gauge = Gauge.builder("mediafleet.streamer.listeners", broadcaster, RadioBroadcaster::listenerCount)
				.tag("radio", broadcaster.radioUuid())
				.description("Listeners connected to a radio")
				.register(this.registry);
			state.ready.complete(broadcaster);
			return;
		}
		synchronized (this) {
			this.radios.remove(broadcaster.radioUuid(), state);
		}
		broadcaster.stop();
		if (start instanceof RadioStart.Unknown) {
			this.metrics.refusedUnknown.increment();
			state.ready.complete(null);
		}
		else if (start instanceof RadioStart.Exists exists) {
			state.ready.completeExceptionally(new RadioUnavailableException("radio " + broadcaster.radioUuid()
					+ " is mastered by streamer '" + exists.masterStreamer() + "' which gave no stream URL to relay"));
		}
		else {
			state.ready.completeExceptionally(new RadioUnavailableException(
					"the scheduler did not answer play_radio for " + broadcaster.radioUuid() + " in time"));
		}
	}

	/**
	 * A relay's master sends nothing: asks the scheduler again (on the relay's thread). It names the live master
	 * (the same one until it declares the old one dead, then whoever masters the radio since), or makes this
	 * streamer the master; a relay therefore only ever relays a master, never another relay nor itself.
	 */
	private RadioBroadcaster.MasterAnswer reask(RadioState state) {
		String radioUuid = state.broadcaster.radioUuid();
		try {
			RadioStart start = this.link.startRadio(radioUuid)
				.get(this.settings.schedulerTimeout().toMillis(), TimeUnit.MILLISECONDS);
			if (start instanceof RadioStart.Started) {
				// Before the scheduler's plays are handled: this streamer now owns the radio (stop_radio, re-announce).
				state.relayed = false;
				return new RadioBroadcaster.MasterAnswer.PlayHere();
			}
			URI relay = (start instanceof RadioStart.Exists exists) ? relayUri(exists.masterUrl()) : null;
			if (relay != null) {
				return new RadioBroadcaster.MasterAnswer.RelayFrom(relay);
			}
		}
		catch (ExecutionException | TimeoutException ex) {
			log.debug("Radio " + radioUuid + ": no answer to play_radio for a lost master (" + ex + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return new RadioBroadcaster.MasterAnswer.NoAnswer();
	}

	private static @Nullable URI relayUri(@Nullable String masterUrl) {
		if (masterUrl == null) {
			return null;
		}
		try {
			URI uri = new URI(masterUrl);
			return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) ? uri : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	/** A listener of the radio left; the last one starts the linger timer. */
	synchronized void leave(String radioUuid) {
		RadioState state = this.radios.get(radioUuid);
		if (state == null || --state.members > 0) {
			return;
		}
		Duration linger = this.settings.stopLinger();
		state.linger = this.timer.schedule(() -> stopIfIdle(radioUuid, state), linger.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void stopIfIdle(String radioUuid, RadioState state) {
		synchronized (this) {
			if (state.members > 0 || this.radios.get(radioUuid) != state) {
				return;
			}
			this.radios.remove(radioUuid);
		}
		stop(state);
		// A relayed radio belongs to its master: stop_radio from here would stop it for everyone.
		if (!state.relayed) {
			this.link.stopRadio(radioUuid);
		}
		log.info("Radio " + radioUuid + " stopped: no listener for " + this.settings.stopLinger());
	}

	private void stop(RadioState state) {
		state.broadcaster.stop();
		if (state.gauge != null) {
			this.registry.remove(state.gauge);
		}
	}

	/**
	 * Obeys the scheduler's {@code play}: blocks while the file is read. A play for a radio this streamer does not
	 * play is ignored (the scheduler may still program a radio whose listeners left).
	 */
	public void play(String radioUuid, String filename, double delaySeconds, double offsetSeconds,
			double crossfadeSeconds) {
		play(radioUuid, filename, delaySeconds, offsetSeconds, crossfadeSeconds, System.nanoTime());
	}

	/**
	 * Obeys the scheduler's {@code play} that arrived at {@code receivedAtNanos} ({@link System#nanoTime()}), so
	 * {@code delay} counts from its arrival, not from when it was handled; a {@code play} repeating what the radio
	 * already plays or has queued is ignored (see {@link RadioBroadcaster}).
	 */
	public void play(String radioUuid, String filename, double delaySeconds, double offsetSeconds,
			double crossfadeSeconds, long receivedAtNanos) {
		RadioState state;
		synchronized (this) {
			state = this.radios.get(radioUuid);
		}
		if (state == null) {
			log.debug("play for radio " + radioUuid + " which has no listener here: ignored");
			return;
		}
		state.broadcaster.play(filename, delaySeconds, offsetSeconds, crossfadeSeconds, receivedAtNanos);
	}

	/** Radios with a broadcaster (starting or playing). */
	synchronized List<RadioBroadcaster> radios() {
		List<RadioBroadcaster> result = new ArrayList<>();
		for (RadioState state : this.radios.values()) {
			if (state.ready.isDone() && !state.ready.isCompletedExceptionally()) {
				result.add(state.broadcaster);
			}
		}
		return result;
	}

	/** The radios currently played, for re-announcing them to the scheduler after a reconnect. */
	public synchronized List<String> playingRadios() {
		List<String> result = new ArrayList<>();
		for (RadioState state : this.radios.values()) {
			if (state.ready.isDone() && !state.ready.isCompletedExceptionally() && !state.relayed) {
				result.add(state.broadcaster.radioUuid());
			}
		}
		return result;
	}

	@Override
	public void start() {
		this.running = true;
	}

	/** Ends every listener's stream before the web server's graceful shutdown, which would wait for them. */
	@Override
	public void stop() {
		this.running = false;
		shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Stops before the graceful shutdown of the web server (DEFAULT_PHASE - 1024).
		return SmartLifecycle.DEFAULT_PHASE - 512;
	}

	/** Stops every radio (service shutdown). */
	public void shutdown() {
		List<RadioState> all;
		synchronized (this) {
			all = new ArrayList<>(this.radios.values());
			this.radios.clear();
		}
		all.forEach(this::stop);
		this.timer.shutdownNow();
	}

	private static final class RadioState {

		final RadioBroadcaster broadcaster;

		final CompletableFuture<@Nullable RadioBroadcaster> ready = new CompletableFuture<>();

		int members;

		@Nullable ScheduledFuture<?> linger;

		@Nullable Gauge gauge;

		volatile boolean relayed;

		RadioState(RadioBroadcaster broadcaster) {
			this.broadcaster = broadcaster;
		}

	}

	/**
	 * The radio cannot be played here now (scheduler silent, or mastered elsewhere without relay).
	 */
	static final class RadioUnavailableException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		RadioUnavailableException(String message) {
			super(message);
		}

	}

}
