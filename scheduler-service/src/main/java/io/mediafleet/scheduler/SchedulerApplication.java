package io.mediafleet.scheduler;

import io.mediafleet.scheduler.leader.LeaderGate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the scheduler service: radio scheduler over Redis, link hub, burn queue, simul master and IRC bot.
 */
@SpringBootApplication
public class SchedulerApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SchedulerApplication.class);
		// With leader election on, a standby waits here, before any port or bus is bound.
		LeaderGate.install(application);
		application.run(args);
	}

}
