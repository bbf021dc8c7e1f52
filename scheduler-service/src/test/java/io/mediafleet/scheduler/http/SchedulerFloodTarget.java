package io.mediafleet.scheduler.http;

import java.util.ArrayList;
import java.util.List;

import io.mediafleet.scheduler.SchedulerApplication;
import io.mediafleet.testsupport.TestMongoDb;
import io.mediafleet.testsupport.FloodTarget;
import io.mediafleet.testsupport.TestRedis;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The scheduler for {@code bench/http-flood} (not a test): the real application on the shared test Redis and
 * MongoDB, in this JVM (run it with devstack's options), steered over stdin. Prints {@code READY <port>}; answers
 * {@code stats} with {@code STATS heap=<bytes after a full GC> peak=<most used since last stats> max=<heap max>};
 * {@code quit} ends it. Arguments: Spring arguments.
 */
public final class SchedulerFloodTarget {

	private SchedulerFloodTarget() {
	}

	public static void main(String[] args) throws Exception {
		List<String> arguments = new ArrayList<>(List.of("--spring.main.banner-mode=off",
				"--spring.data.redis.url=" + TestRedis.url(), "--spring.mongodb.uri=" + TestMongoDb.uri(),
				"--spring.mongodb.database=http-flood", "--mediafleet.scheduler.radio.channel-prefix=httpflood.",
				"--mediafleet.scheduler.burn.port=0", "--mediafleet.scheduler.simul.enabled=false"));
		arguments.addAll(List.of(args));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SchedulerApplication.class)
			.run(arguments.toArray(String[]::new));
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		FloodTarget.serve(port, context::close);
	}

}
