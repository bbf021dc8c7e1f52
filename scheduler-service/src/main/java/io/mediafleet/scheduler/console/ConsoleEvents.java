package io.mediafleet.scheduler.console;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The consoles' live connections: server-sent events naming what changed ({@code burn}, {@code radios}, ...), each
 * open page then fetching the parts it shows of that {@link Topic}. Changes are coalesced and sent at most every
 * {@code flushInterval}; a comment every {@code keepAlive} tells a dead connection from a quiet one.
 *
 * <p>Parameters to control memory consumption: {@code maxConsoles} bounds the open connections (a connection past it
 * is refused); nothing is queued per connection beyond the servlet container's write buffer.
 */
final class ConsoleEvents implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(ConsoleEvents.class);

	/** What a page may be told has changed; the event name is {@link #eventName()}. */
	enum Topic {

		/** The burn queue or a burner. */
		BURN,
		/** Radios, what they play, their listeners, shows and playlists. */
		RADIOS,
		/** Streamers joining, leaving, missing pings. */
		STREAMERS,
		/** The simul master's state or its slaves. */
		SIMUL,
		/** The tracker's catalogue and peers. */
		TRACKER,
		/** Link sessions. */
		LINK,
		/** The services' health. */
		HEALTH,
		/** Listening sessions starting or ending. */
		LISTENING;

		String eventName() {
			return name().toLowerCase();
		}

	}

	private final int maxConsoles;

	private final Duration flushInterval;

	private final Duration keepAlive;

	private final CopyOnWriteArrayList<SseEmitter> emitters = new CopyOnWriteArrayList<>();

	private final Set<Topic> pending = EnumSet.noneOf(Topic.class);

	private volatile ScheduledExecutorService timer;

	private volatile boolean running;

	ConsoleEvents(int maxConsoles, Duration flushInterval, Duration keepAlive) {
		if (maxConsoles < 1) {
			throw new IllegalArgumentException("maxConsoles must be at least 1");
		}
		this.maxConsoles = maxConsoles;
		this.flushInterval = flushInterval;
		this.keepAlive = keepAlive;
	}

	/** A new live connection, or {@code null} when {@code maxConsoles} are open already. */
	SseEmitter open() {
		if (this.emitters.size() >= this.maxConsoles || !this.running) {
			return null;
		}
		// No timeout of its own: the keep-alive finds dead connections, the page reopens closed ones.
		SseEmitter emitter = new SseEmitter(0L);
		emitter.onCompletion(() -> this.emitters.remove(emitter));
		emitter.onError((error) -> this.emitters.remove(emitter));
		emitter.onTimeout(() -> this.emitters.remove(emitter));
		this.emitters.add(emitter);
		try {
			// Tells the page it is live again; it refreshes everything it shows after a reconnect.
			emitter.send(SseEmitter.event().name("hello").data("live"));
		}
		catch (IOException ex) {
			this.emitters.remove(emitter);
		}
		return emitter;
	}

	/** Something of {@code topic} changed: every open console hears of it within one flush interval. */
	void changed(Topic topic) {
		synchronized (this.pending) {
			this.pending.add(topic);
		}
	}

	int openConsoles() {
		return this.emitters.size();
	}

	private void flush() {
		Set<Topic> topics;
		synchronized (this.pending) {
			if (this.pending.isEmpty()) {
				return;
			}
			topics = EnumSet.copyOf(this.pending);
			this.pending.clear();
		}
		for (Topic topic : topics) {
			broadcast(SseEmitter.event().name(topic.eventName()).data(Long.toString(System.currentTimeMillis())));
		}
	}

	private void broadcast(SseEmitter.SseEventBuilder event) {
		for (SseEmitter emitter : this.emitters) {
			try {
				emitter.send(event);
			}
			catch (IOException | IllegalStateException ex) {
				this.emitters.remove(emitter);
				emitter.completeWithError(ex);
			}
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("console-events").daemon().factory());
		executor.scheduleWithFixedDelay(this::flushQuietly, this.flushInterval.toMillis(),
				this.flushInterval.toMillis(), TimeUnit.MILLISECONDS);
		executor.scheduleWithFixedDelay(() -> broadcast(SseEmitter.event().comment("keep-alive")),
				this.keepAlive.toMillis(), this.keepAlive.toMillis(), TimeUnit.MILLISECONDS);
		this.timer = executor;
		this.running = true;
	}

	private void flushQuietly() {
		try {
			flush();
		}
		catch (RuntimeException ex) {
			log.warn("Console push failed", ex);
		}
	}

	@Override
	public void stop() {
		this.running = false;
		ScheduledExecutorService executor = this.timer;
		if (executor != null) {
			executor.shutdownNow();
		}
		// Open event streams would hold a graceful shutdown for its whole timeout.
		for (SseEmitter emitter : this.emitters) {
			emitter.complete();
		}
		this.emitters.clear();
		// Nobody is left to tell: a page that comes back fetches everything again (the "hello" it is sent).
		synchronized (this.pending) {
			this.pending.clear();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Stopped before the web server's graceful shutdown waits for open requests.
		return Integer.MAX_VALUE;
	}

}
