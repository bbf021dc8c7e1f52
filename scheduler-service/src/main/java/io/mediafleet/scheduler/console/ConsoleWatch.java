package io.mediafleet.scheduler.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.mediafleet.scheduler.burn.BurnFarm;
import io.mediafleet.scheduler.burn.FarmWatcher;
import io.mediafleet.schema.burnlink.BurnLink;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Tells {@link ConsoleEvents} what changed. The burn farm says so itself ({@link FarmWatcher}); everything else is
 * looked at every {@code refreshInterval} while a console is open, and a topic is announced when what it shows
 * differs from the last look. The tracker and the other services' health are asked every {@code healthInterval}.
 */
final class ConsoleWatch implements SmartLifecycle, FarmWatcher {

	private static final Log log = LogFactory.getLog(ConsoleWatch.class);

	private final ConsoleEvents events;

	private final BurnFarm farm;

	private final Map<ConsoleEvents.Topic, Supplier<@Nullable Object>> looks;

	private final Map<ConsoleEvents.Topic, @Nullable Object> lastSeen = new EnumMap<>(ConsoleEvents.Topic.class);

	private final TrackerClient tracker;

	private final FleetHealth health;

	private final Duration refreshInterval;

	private final Duration healthInterval;

	private volatile @Nullable ScheduledExecutorService timer;

	ConsoleWatch(ConsoleEvents events, BurnFarm farm, Map<ConsoleEvents.Topic, Supplier<@Nullable Object>> looks,
			TrackerClient tracker, FleetHealth health, Duration refreshInterval, Duration healthInterval) {
		this.events = events;
		this.farm = farm;
		this.looks = new EnumMap<>(looks);
		this.tracker = tracker;
		this.health = health;
		this.refreshInterval = refreshInterval;
		this.healthInterval = healthInterval;
	}

	@Override
	public void burnerChanged(BurnLink.BurnerInfo burner) {
		this.events.changed(ConsoleEvents.Topic.BURN);
	}

	@Override
	public void queueChanged(List<BurnLink.Job> jobs) {
		this.events.changed(ConsoleEvents.Topic.BURN);
	}

	private void look() {
		if (this.events.openConsoles() == 0) {
			return;
		}
		List<ConsoleEvents.Topic> changed = new ArrayList<>();
		this.looks.forEach((topic, look) -> {
			try {
				Object now = look.get();
				if (!Objects.equals(now, this.lastSeen.get(topic))) {
					this.lastSeen.put(topic, now);
					changed.add(topic);
				}
			}
			catch (RuntimeException ex) {
				log.debug("Console could not look at " + topic + ": " + ex);
			}
		});
		changed.forEach(this.events::changed);
	}

	private void askOthers() {
		if (this.tracker.refresh()) {
			this.events.changed(ConsoleEvents.Topic.TRACKER);
		}
		if (this.health.poll()) {
			this.events.changed(ConsoleEvents.Topic.HEALTH);
		}
	}

	private static Runnable quietly(Runnable task) {
		return () -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				log.warn("Console watch failed", ex);
			}
		};
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newScheduledThreadPool(2,
				Thread.ofPlatform().name("console-watch-", 0).daemon().factory());
		executor.scheduleWithFixedDelay(quietly(this::look), 0, this.refreshInterval.toMillis(), TimeUnit.MILLISECONDS);
		executor.scheduleWithFixedDelay(quietly(this::askOthers), 0, this.healthInterval.toMillis(),
				TimeUnit.MILLISECONDS);
		this.timer = executor;
		this.farm.watch(this);
	}

	@Override
	public void stop() {
		this.farm.unwatch(this);
		ScheduledExecutorService executor = this.timer;
		if (executor != null) {
			executor.shutdownNow();
		}
		this.timer = null;
	}

	@Override
	public boolean isRunning() {
		return this.timer != null;
	}

}
