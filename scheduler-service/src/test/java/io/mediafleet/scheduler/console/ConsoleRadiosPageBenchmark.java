package io.mediafleet.scheduler.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.mediafleet.scheduler.radio.Playlist;
import io.mediafleet.scheduler.radio.Radio;
import io.mediafleet.scheduler.radio.RadioState;
import io.mediafleet.scheduler.radio.Song;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test (its name keeps it out of the build's test run): {@code /console/radios} with 1,000 radios
 * all on air, loaded 30 times in Debian's chromium after 5 warm-up loads; prints the server's time to the last byte
 * (Navigation Timing {@code responseEnd - requestStart}) and the browser's {@code DOMContentLoaded}. Run with
 * {@code ./mvnw -o -pl scheduler-service -am verify -Dtest=ConsoleRadiosPageBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.admin.token=" + ConsoleRadiosPageBenchmark.TOKEN,
				"mediafleet.scheduler.simul.enabled=false", "mediafleet.scheduler.burn.port=0",
				"mediafleet.scheduler.console.listen-url-template=http://{streamer}:8000/{radio_uuid}" })
@WithRedis
@WithMongoDb(database = "console-radios-bench")
class ConsoleRadiosPageBenchmark {

	static final String TOKEN = "console-radios-bench-0123456789abcdef";

	private static final int RADIOS = 1000;

	private static final int ITERATIONS = Integer.getInteger("console.bench.iterations", 30);

	@LocalServerPort
	private int port;

	@Autowired
	private MongoTemplate mongo;

	@Test
	void listOfAThousandRadiosOnAir() throws Exception {
		List<Song> songs = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			songs.add(new Song("bench-song-" + i, "bench/song-" + i + ".mp3", 600, null, "Bench song " + i));
		}
		this.mongo.insertAll(songs);
		this.mongo.insert(new Playlist("bench-playlist", "Bench", songs.stream().map(Song::id).toList(), false));
		List<Radio> radios = new ArrayList<>();
		List<RadioState> states = new ArrayList<>();
		Instant now = Instant.now();
		for (int i = 0; i < RADIOS; i++) {
			String uuid = "bench-radio-" + i;
			radios.add(new Radio(uuid, "Bench radio " + i, "bench-playlist"));
			Song song = songs.get(i % songs.size());
			states.add(new RadioState(uuid, "bench-streamer-" + (i % 10), song.id(), song.filename(), now,
					now.plusSeconds(3600), null, Map.of(), Map.of(), now));
		}
		this.mongo.insertAll(radios);
		this.mongo.insertAll(states);

		try (ConsoleBrowser browser = new ConsoleBrowser("http://localhost:" + this.port, 1280, 900)) {
			browser.signIn(TOKEN);
			JavascriptExecutor js = (JavascriptExecutor) browser.driver();
			double[] server = new double[ITERATIONS];
			double[] loaded = new double[ITERATIONS];
			for (int i = -5; i < ITERATIONS; i++) {
				browser.open("/console/radios");
				browser.find(By.id("list"));
				assertThat(browser.driver().findElements(By.cssSelector("tr.radio-row"))).hasSize(RADIOS);
				@SuppressWarnings("unchecked")
				Map<String, Number> timing = (Map<String, Number>) js.executeScript("""
						const t = performance.getEntriesByType('navigation')[0];
						return {server: t.responseEnd - t.requestStart, loaded: t.domContentLoadedEventEnd - t.startTime};""");
				if (i >= 0) {
					server[i] = timing.get("server").doubleValue();
					loaded[i] = timing.get("loaded").doubleValue();
				}
			}
			System.out.printf("console radios page, %d radios on air: server median %.0f ms p90 %.0f ms max %.0f ms; "
					+ "DOMContentLoaded median %.0f ms p90 %.0f ms max %.0f ms%n", RADIOS, percentile(server, 50),
					percentile(server, 90), percentile(server, 100), percentile(loaded, 50), percentile(loaded, 90),
					percentile(loaded, 100));
		}
	}

	private static double percentile(double[] values, int percent) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

}
