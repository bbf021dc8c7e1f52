package io.mediafleet.streamer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the streamer service: obeys the scheduler over Redis, streams MP3 to listeners, serves songs as a TSP peer.
 */
@SpringBootApplication
public class StreamerApplication {

	public static void main(String[] args) {
		SpringApplication.run(StreamerApplication.class, args);
	}

}
