package io.mediafleet.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * The demo a newcomer hears first: the CC0 tones of {@code devstack/demo/media/} copied into the streamer's library,
 * and a radio {@code demo} programmed with them through the scheduler's REST admin API. Every call is an idempotent
 * {@code PUT}, so a restart restores the demo without duplicating anything.
 */
final class DemoRadio {

	/** The radio's id: {@code http://localhost:<streamer port>/radios/demo}. */
	static final String RADIO = "demo";

	/**
	 * The demo songs: id, file and title. Each tone lasts 4 s ({@code bin/make-demo-media}).
	 */
	private static final List<String[]> SONGS = List.of(new String[] { "a440", "01-a440-sine.mp3", "A440 Sine" },
			new String[] { "chord", "02-c-major-chord.mp3", "C Major Chord" },
			new String[] { "pink", "03-pink-noise.mp3", "Pink Noise Breath" });

	private static final double SONG_SECONDS = 4.0;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private DemoRadio() {
	}

	/** Where the demo media live in a checkout. */
	static Path mediaDirectory(Path root) {
		return root.resolve("devstack").resolve("demo").resolve("media");
	}

	/**
	 * Copies the demo files into {@code library} (the streamer's library directory) where they are missing.
	 * @return whether every demo file is now in the library
	 */
	static boolean copyMedia(Path root, Path library) throws IOException {
		Path media = mediaDirectory(root);
		Files.createDirectories(library);
		for (String[] song : SONGS) {
			Path source = media.resolve(song[1]);
			if (!Files.isRegularFile(source)) {
				return false;
			}
			Path target = library.resolve(song[1]);
			if (!Files.exists(target)) {
				Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
			}
		}
		return true;
	}

	/**
	 * Describes the songs, a playlist and the radio to the scheduler at {@code schedulerPort}.
	 * @throws IOException when the scheduler refuses a call (the message names it)
	 */
	static void program(int schedulerPort, String adminToken) throws IOException, InterruptedException {
		DemoRadio demo = new DemoRadio();
		StringBuilder songIds = new StringBuilder();
		for (String[] song : SONGS) {
			demo.put(schedulerPort, adminToken, "/api/admin/songs/" + song[0], "{\"filename\":\"" + song[1]
					+ "\",\"durationSeconds\":" + SONG_SECONDS + ",\"title\":\"" + song[2] + "\"}");
			songIds.append((songIds.length() > 0) ? "," : "").append('"').append(song[0]).append('"');
		}
		demo.put(schedulerPort, adminToken, "/api/admin/playlists/" + RADIO,
				"{\"name\":\"Demo tones\",\"songIds\":[" + songIds + "],\"random\":false}");
		demo.put(schedulerPort, adminToken, "/api/admin/radios/" + RADIO,
				"{\"name\":\"Demo radio\",\"defaultPlaylistId\":\"" + RADIO + "\"}");
	}

	private void put(int port, String token, String path, String json) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(10))
			.PUT(HttpRequest.BodyPublishers.ofString(json))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IOException("PUT " + path + " answered " + response.statusCode() + ": " + response.body());
		}
	}

}
