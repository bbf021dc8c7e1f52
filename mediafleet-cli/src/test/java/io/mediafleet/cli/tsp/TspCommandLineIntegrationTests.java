package io.mediafleet.cli.tsp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mediafleet.cli.Mediafleet;
import io.mediafleet.schema.tsp.CatalogueEntry;
import io.mediafleet.tracker.tracker.RunningTracker;
import io.mediafleet.tsppeer.FetchException;
import io.mediafleet.tsppeer.PeerFetcher;
import io.mediafleet.tsppeer.SongFolder;
import io.mediafleet.tsppeer.StopSwitch;
import io.mediafleet.tsppeer.TestLibrary;
import io.mediafleet.tsppeer.TestPeer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code mediafleet tsp ...} (the CLI's main entry, in process; moved here from tracker-service) against a real tracker and a real sharing peer,
 * with mp3 files made by ffmpeg and the played bytes checked by ffprobe and mpg123.
 */
class TspCommandLineIntegrationTests {

	@TempDir
	Path root;

	private RunningTracker tracker;

	private TspShare share;

	private Path sine;

	@BeforeEach
	void shareTwoSongs() throws Exception {
		this.tracker = RunningTracker.start();
		Path music = Files.createDirectories(this.root.resolve("music"));
		this.sine = ffmpegSine(music.resolve("sine-440.mp3"), 440);
		ffmpegSine(music.resolve("sine-880.mp3"), 880);
		this.share = TspShare.start(this.tracker.address(), music, "127.0.0.1", 0, "127.0.0.1");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.share.client().catalogue().size() == 2);
	}

	@AfterEach
	void stop() {
		this.share.close();
		this.tracker.close();
	}

	@Test
	void listShowsEverySongWithItsHost() {
		Result result = tsp("list");
		assertThat(result.status).as(result.err).isZero();
		assertThat(result.text()).contains("sine-440.mp3", "sine-880.mp3", this.share.address().toString());
		assertThat(result.text().lines()).hasSize(3);
	}

	@Test
	void infoShowsOneSong() {
		int id = idOf("sine-880.mp3");
		Result result = tsp("info", Integer.toString(id));
		assertThat(result.status).as(result.err).isZero();
		assertThat(result.text().lines()).hasSize(2);
		assertThat(result.text()).contains("sine-880.mp3").doesNotContain("sine-440.mp3");
		Result unknown = tsp("info", "999");
		assertThat(unknown.status).isEqualTo(1);
		assertThat(unknown.err).contains("no song with id 999");
	}

	@Test
	void playWritesAnMp3ThatFfprobeAndMpg123Decode() throws Exception {
		Result result = tsp("play", Integer.toString(idOf("sine-440.mp3")));
		assertThat(result.status).as(result.err).isZero();
		assertThat(result.out).isEqualTo(Files.readAllBytes(this.sine));

		Process ffprobe = run(List.of("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0",
				"-"), result.out);
		assertThat(new String(ffprobe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip()).isEqualTo("mp3");
		assertThat(ffprobe.waitFor()).isZero();

		Path wav = this.root.resolve("decoded.wav");
		Process mpg123 = run(List.of("mpg123", "-q", "-w", wav.toString(), "-"), result.out);
		assertThat(mpg123.waitFor()).isZero();
		// two seconds of 44.1 kHz 16-bit mono decode to about 176 kB of samples
		assertThat(Files.size(wav)).isGreaterThan(150_000);
	}

	@Test
	void stopWithoutARunningPlayerSaysSoAndBadUsageIsStatusTwo() {
		Result stop = tsp("stop");
		assertThat(stop.status).isEqualTo(1);
		assertThat(stop.err).contains("no 'tsp play' is running");
		assertThat(tsp("play").status).isEqualTo(2);
		Result seven = tsp("play", "seven");
		assertThat(seven.status).isEqualTo(2);
		assertThat(seven.err).contains("'seven' is not an int");
		Result dance = tsp("dance");
		assertThat(dance.status).isEqualTo(2);
		assertThat(dance.err).contains("'dance'");
	}

	@Test
	void stopSwitchEndsAPlayInProgressAndTheHostingPeerAbortsTheTransfer() throws Exception {
		Path big = TestLibrary.song(this.root.resolve("big"), "big.mp3", 16 * 1024 * 1024, 9);
		try (TestPeer host = new TestPeer(this.tracker.address(), big.getParent())) {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.tracker.songCount() == 3);
			int id = idOf("big.mp3");
			StopSwitch stop = new StopSwitch();
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			OutputStream stopsAfterFirstChunk = new OutputStream() {
				@Override
				public void write(int b) {
					received.write(b);
				}

				@Override
				public void write(byte[] bytes, int offset, int length) {
					received.write(bytes, offset, length);
					stop.stop();
				}
			};
			PeerFetcher fetcher = new PeerFetcher(this.share.client(), PeerFetcher.Settings.DEFAULTS, Set.of());
			assertThatThrownBy(() -> fetcher.stream(id, stopsAfterFirstChunk, stop)).isInstanceOf(FetchException.class)
				.hasMessageContaining("stopped after");
			assertThat(received.size()).isLessThan(16 * 1024 * 1024);
			await().atMost(Duration.ofSeconds(5)).until(() -> host.server.stats().aborted() == 1);
		}
	}

	private int idOf(String fileName) {
		return this.tracker.entries().stream()
			.filter((entry) -> entry.song().fileName().equals(fileName))
			.mapToInt(CatalogueEntry::songId)
			.findFirst()
			.orElseThrow();
	}

	private Result tsp(String... args) {
		String[] command = new String[args.length + 3];
		command[0] = "tsp";
		command[1] = "--tracker";
		command[2] = this.tracker.address().toString();
		System.arraycopy(args, 0, command, 3, args.length);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = Mediafleet.run(command, out, new PrintStream(err, true, StandardCharsets.UTF_8),
				Map.of("XDG_RUNTIME_DIR", this.root.toString()));
		return new Result(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
	}

	private static Path ffmpegSine(Path target, int frequency) throws Exception {
		Process ffmpeg = run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
				"sine=frequency=" + frequency + ":duration=2", "-ac", "1", "-ar", "44100", "-c:a", "libmp3lame", "-b:a",
				"64k", "-y", target.toString()), new byte[0]);
		assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).as("ffmpeg finished").isTrue();
		assertThat(ffmpeg.exitValue()).as("ffmpeg exit status").isZero();
		assertThat(SongFolder.md5(target)).hasSize(32);
		return target;
	}

	private static Process run(List<String> command, byte[] input) throws IOException {
		Process process;
		try {
			process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		}
		catch (IOException ex) {
			throw new IOException(command.get(0) + " is needed by this test and is not installed (Debian package "
					+ (command.get(0).equals("mpg123") ? "mpg123" : "ffmpeg") + ")", ex);
		}
		try (OutputStream stdin = process.getOutputStream()) {
			stdin.write(input);
		}
		catch (IOException ex) {
			// the tool stopped reading early; its exit status tells
		}
		return process;
	}

	private record Result(int status, byte[] out, String err) {

		String text() {
			return new String(this.out, StandardCharsets.UTF_8);
		}

	}

}
