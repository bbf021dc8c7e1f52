package io.mediafleet.scheduler.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.mediafleet.scheduler.SchedulerProperties;
import io.mediafleet.scheduler.burn.BurnFarm;
import io.mediafleet.scheduler.link.LinkHub;
import io.mediafleet.scheduler.radio.Radio;
import io.mediafleet.scheduler.radio.RadioAdmin;
import io.mediafleet.scheduler.simul.SimulMaster;
import io.mediafleet.scheduler.simul.SimulStatus;
import io.mediafleet.scheduler.simul.SyncStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console's parts: its live connections, what it watches for changes, its clients of the admin API and the
 * tracker, and the other services' health.
 */
@Configuration(proxyBeanMethods = false)
final class ConsoleConfiguration {

	static final Duration PUSH_INTERVAL = Duration.ofMillis(200);

	@Bean
	ConsoleEvents consoleEvents(SchedulerProperties properties) {
		// Pushes leave at most every 200 ms: a burst of changes (100 burners' progress) becomes one fetch per part
		// and page, and a change still waits far less than the 1 s it may take to reach every console.
		return new ConsoleEvents(properties.console().maxConsoles(), PUSH_INTERVAL, Duration.ofSeconds(15));
	}

	@Bean
	WebMvcConfigurer consoleAdminChanges(ConsoleEvents events) {
		ConsoleAdminChanges changes = new ConsoleAdminChanges(events);
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(changes).addPathPatterns(ConsoleAdminChanges.PATHS);
			}

		};
	}

	@Bean
	TrackerClient consoleTrackerClient(SchedulerProperties properties) {
		return new TrackerClient(RestClient.builder(), properties.console().trackerUrl(), properties.console().trackerToken());
	}

	@Bean
	FleetHealth consoleFleetHealth(SchedulerProperties properties) {
		return new FleetHealth(properties.console().services());
	}

	@Bean
	AdminApi consoleAdminApi(ObjectMapper json, ApplicationContext context,
			@Value("${server.address:127.0.0.1}") String address,
			@Value("${mediafleet.scheduler.admin.token:}") String adminToken) {
		String host = ("0.0.0.0".equals(address) || "::".equals(address)) ? "127.0.0.1" : address;
		Supplier<RestClient> client = new Supplier<>() {

			private volatile @Nullable RestClient built;

			@Override
			public RestClient get() {
				RestClient current = this.built;
				if (current == null) {
					// The port is known only once the web server runs (0 in tests); a context without one (a mock web
					// environment) has no console to serve either.
					if (!(context instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
						throw new IllegalStateException("the console's admin API client needs a running web server");
					}
					int port = web.getWebServer().getPort();
					current = AdminApi.client(RestClient.builder(), "http://" + host + ":" + port, adminToken);
					this.built = current;
				}
				return current;
			}

		};
		return new AdminApi(client, json);
	}

	@Bean
	ConsoleWatch consoleWatch(ConsoleEvents events, BurnFarm farm, RadioAdmin radios, LinkHub link,
			ObjectProvider<SimulMaster> simul, TrackerClient tracker, FleetHealth health,
			SchedulerProperties properties) {
		Map<ConsoleEvents.Topic, Supplier<@Nullable Object>> looks = new EnumMap<>(ConsoleEvents.Topic.class);
		looks.put(ConsoleEvents.Topic.STREAMERS, radios::streamers);
		looks.put(ConsoleEvents.Topic.RADIOS, () -> {
			List<Radio> all = radios.radios();
			return List.of(all, radios.statuses(all).values());
		});
		looks.put(ConsoleEvents.Topic.LINK, () -> LinkSessionView.all(link));
		looks.put(ConsoleEvents.Topic.LISTENING, radios::sessionsMark);
		SimulMaster master = simul.getIfAvailable();
		if (master != null) {
			looks.put(ConsoleEvents.Topic.SIMUL, () -> List.of(fingerprint(master.status()), fingerprint(master.sync())));
		}
		return new ConsoleWatch(events, farm, looks, tracker, health, properties.console().refreshInterval(),
				properties.console().healthInterval());
	}

	/**
	 * The group's transport as it changes with pause, resume and seek, not as the position moves: while playing, the
	 * position minus the wall clock is constant between two commands (kept to whole seconds, so the few milliseconds
	 * between reading the two do not count as a change).
	 */
	static List<Object> fingerprint(SyncStatus sync) {
		if (!sync.running()) {
			return List.of(false);
		}
		return List.of(true, sync.paused(),
				sync.paused() ? sync.positionMs() : Math.floorDiv(sync.positionMs() - System.currentTimeMillis(), 1000L));
	}

	/** What a simul page shows, without the slaves' last-seen clocks that move with every advise. */
	static List<Object> fingerprint(SimulStatus status) {
		List<Object> parts = new ArrayList<>();
		parts.add(status.state());
		parts.add(String.valueOf(status.filename()));
		parts.add(String.valueOf(status.startAt()));
		parts.add(status.problems());
		for (SimulStatus.SlaveStatus slave : status.slaves()) {
			parts.add(List.of(slave.name(), slave.file(), String.valueOf(slave.md5()), slave.start(),
					String.valueOf(slave.reason()), slave.playCompleted(), slave.conflicting()));
		}
		return parts;
	}

}
