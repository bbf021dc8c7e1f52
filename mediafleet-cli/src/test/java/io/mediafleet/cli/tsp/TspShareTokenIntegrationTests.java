package io.mediafleet.cli.tsp;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mediafleet.cli.Mediafleet;
import io.mediafleet.tracker.tracker.RunningTracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code mediafleet tsp share} against a real tracker that requires the peer token: the token comes from
 * {@code $MEDIAFLEET_TSP_TOKEN}, and a refusal is reported at once instead of sharing nothing for ever.
 */
class TspShareTokenIntegrationTests {

	private static final String TOKEN = "cli-share-peer-token";

	@TempDir
	Path root;

	private RunningTracker tracker;

	private Path music;

	@BeforeEach
	void startTracker() throws Exception {
		this.tracker = RunningTracker.requiringToken(TOKEN);
		this.music = Files.createDirectories(this.root.resolve("music"));
		// the folder scan reads md5 and size only, so any bytes do
		Files.write(this.music.resolve("token-song.mp3"), new byte[] { 'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0 });
	}

	@AfterEach
	void stopTracker() {
		this.tracker.close();
	}

	@Test
	void shareWithoutATokenIsRefusedAndSaysWhy() {
		Result result = share(Map.of());
		assertThat(result.status()).isEqualTo(1);
		assertThat(result.err()).contains("without a peer token ($MEDIAFLEET_TSP_TOKEN unset)")
			.contains("did not take the songs: INIT refused: a TOKEN line with the tracker's peer token is required");
		assertThat(this.tracker.songCount()).isZero();
	}

	@Test
	void shareSendsTheTokenOfTheEnvironmentAndAWrongOneIsRefused() {
		Result result = share(Map.of("MEDIAFLEET_TSP_TOKEN", "not-" + TOKEN));
		assertThat(result.status()).isEqualTo(1);
		assertThat(result.err()).contains("with the peer token of $MEDIAFLEET_TSP_TOKEN")
			.contains("INIT refused: wrong TOKEN")
			.doesNotContain("not-" + TOKEN);
		assertThat(this.tracker.songCount()).isZero();
	}

	@Test
	void aShareWithTheTokenIsAdmitted() throws Exception {
		try (TspShare share = TspShare.start(this.tracker.address(), TOKEN, this.music, "127.0.0.1", 0, "127.0.0.1")) {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.tracker.songCount() == 1);
			assertThat(share.client().lastError()).isNull();
			assertThat(this.tracker.entries().get(0).hosts()).containsExactly(share.address());
		}
	}

	private Result share(Map<String, String> environment) {
		Map<String, String> env = new HashMap<>(environment);
		env.put("XDG_RUNTIME_DIR", this.root.toString());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = Mediafleet.run(new String[] { "tsp", "--tracker", this.tracker.address().toString(), "share",
				this.music.toString(), "--advertise", "127.0.0.1" }, out,
				new PrintStream(err, true, StandardCharsets.UTF_8), env);
		return new Result(status, err.toString(StandardCharsets.UTF_8));
	}

	private record Result(int status, String err) {
	}

}
