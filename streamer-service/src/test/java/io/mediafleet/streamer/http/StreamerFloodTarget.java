package io.mediafleet.streamer.http;

import java.util.ArrayList;
import java.util.List;

import io.mediafleet.streamer.StreamerApplication;
import io.mediafleet.testsupport.FloodTarget;
import io.mediafleet.testsupport.TestRedis;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The streamer for {@code bench/http-flood} (not a test): the real application on the shared test Redis, with an
 * empty library and no TSP peer, in this JVM (run it with devstack's options), steered over stdin. Prints {@code READY <port>}; answers
 * {@code stats} with {@code STATS heap=<bytes after a full GC> peak=<most used since last stats> max=<heap max>};
 * {@code quit} ends it. Arguments: Spring arguments.
 */
public final class StreamerFloodTarget {

	private StreamerFloodTarget() {
	}

	public static void main(String[] args) throws Exception {
		String library = java.nio.file.Files.createTempDirectory("http-flood-library").toString();
		List<String> arguments = new ArrayList<>(List.of("--spring.main.banner-mode=off",
				"--spring.data.redis.url=" + TestRedis.url(), "--mediafleet.streamer.streamer-id=http-flood",
				"--mediafleet.streamer.library-directory=" + library, "--mediafleet.streamer.peer.enabled=false",
				"--mediafleet.streamer.stream.listener-port=0"));
		arguments.addAll(List.of(args));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(StreamerApplication.class)
			.run(arguments.toArray(String[]::new));
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		FloodTarget.serve(port, context::close);
	}

}
