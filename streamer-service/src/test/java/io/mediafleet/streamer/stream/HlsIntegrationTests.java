package io.mediafleet.streamer.stream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mediafleet.streamer.hls.SegmentWindowTests;
import io.mediafleet.streamer.mp3.Mp3Audio;
import io.mediafleet.streamer.mp3.Mp3Parser;
import io.mediafleet.streamer.testing.SchedulerDouble;
import io.mediafleet.streamer.testing.TestMp3s;
import io.mediafleet.testsupport.TestRedis;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HLS with real clients: ffmpeg and mpv play a radio's {@code live.m3u8} from a streamer driven by a raw-Redis
 * scheduler double; segments are 1 s so a few seconds cover several of them and the window's end.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.streamer.streamer-id=" + HlsIntegrationTests.STREAMER,
				"mediafleet.streamer.stream.stop-linger=500ms", "mediafleet.streamer.hls.segment-duration=1s",
				"mediafleet.streamer.hls.playlist-segments=3", "mediafleet.streamer.hls.session-timeout=3s" })
@WithRedis
class HlsIntegrationTests {

	static final String STREAMER = "hls-it";

	static final Pattern SEGMENT = Pattern.compile("^([a-z0-9]+-[0-9]+\\.mp3)$", Pattern.MULTILINE);

	static SchedulerDouble scheduler;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@LocalServerPort
	int port;

	@Autowired
	HlsRadios hlsRadios;

	@DynamicPropertySource
	static void library(DynamicPropertyRegistry properties) throws Exception {
		Path library = Files.createTempDirectory("hls-library");
		TestMp3s.sine(library.resolve("long.mp3"), 60, "Alpha", "Ann", "-b:a", "128k");
		properties.add("mediafleet.streamer.library-directory", library::toString);
	}

	@BeforeAll
	static void startScheduler() {
		scheduler = new SchedulerDouble(TestRedis.url(), STREAMER);
		for (String radio : List.of("hls-ffmpeg", "hls-mpv", "hls-headers", "hls-auth", "hls-count")) {
			scheduler.program(radio, "long.mp3", 0, 0);
		}
	}

	@AfterAll
	static void stopScheduler() {
		scheduler.close();
	}

	@Test
	void ffmpegDecodesSeveralSegmentsWithoutErrorOrGapAndOldSegmentsLeaveTheWindow() throws Exception {
		String media = mediaPlaylistUrl("hls-ffmpeg");
		String firstSegment = segments(get(media).body()).get(0);
		// ffmpeg plays 8 s across segments: ashowinfo prints every decoded frame's timestamp.
		String output = TestMp3s.run(List.of("ffmpeg", "-hide_banner", "-nostats", "-i", url("hls-ffmpeg/live.m3u8"),
				"-t", "8", "-af", "ashowinfo", "-f", "null", "-"), 60);
		assertThat(output).contains("Audio: mp3").contains("44100 Hz");
		assertThat(output).doesNotContain("Header missing").doesNotContain("Error while decoding");
		List<long[]> frames = decodedFrames(output);
		assertThat(frames).as("8 s of 1152-sample frames").hasSizeGreaterThan(300);
		// A lost or repeated segment would move every later frame by 39 frames (1 s). Two things move ffmpeg's own
		// timestamps by a few frames without any audio missing: the decoder drops the first frames it cannot decode
		// (their bit reservoir lies before the first segment it read), and the packed-audio demuxer stamps the frames
		// it is still parsing with the next segment's ID3 timestamp once it has read that tag (one frame).
		long tolerance = 4 * 1152;
		for (int i = 1; i < frames.size(); i++) {
			long step = frames.get(i)[0] - frames.get(i - 1)[0];
			assertThat(step).as("timestamp step from frame %d to %d", i - 1, i).isBetween(1152 - tolerance, 1152 + tolerance);
			assertThat(frames.get(i)[1]).isEqualTo(1152);
		}
		long span = frames.get(frames.size() - 1)[0] - frames.get(0)[0];
		assertThat(span).as("decoded frames cover their timestamps' span").isBetween(1152L * (frames.size() - 1) - tolerance,
				1152L * (frames.size() - 1) + tolerance);
		// What the streamer serves is gapless to the sample: each segment's ID3 timestamp is where the one before ended.
		// (The first session expired meanwhile: it did not fetch its playlist for the session timeout.)
		assertThat(get(media).statusCode()).isEqualTo(404);
		media = mediaPlaylistUrl("hls-ffmpeg");
		List<String> listed = segments(get(media).body());
		assertThat(listed).hasSize(3);
		long expected = -1;
		for (String name : listed) {
			byte[] segment = this.http.send(HttpRequest.newBuilder(URI.create(url("hls-ffmpeg/live/" + name))).build(),
					HttpResponse.BodyHandlers.ofByteArray()).body();
			int id3 = SegmentWindowTests.id3Length(segment);
			long timestamp = SegmentWindowTests.timestamp(segment);
			if (expected >= 0) {
				assertThat(timestamp).as("timestamp of %s", name).isBetween(expected - 1, expected + 1);
			}
			Mp3Audio audio = Mp3Parser.withDefaults().parse(Arrays.copyOfRange(segment, id3, segment.length));
			assertThat(audio.corruptRegions()).as("whole frames only").isZero();
			expected = timestamp + audio.frameCount() * 1152L * 90_000 / 44_100;
		}
		// At least 8 segments of 1 s later, with 3 listed and 4 more kept, the first one is gone, and no more are kept.
		assertThat(get(url("hls-ffmpeg/live/" + firstSegment)).statusCode()).isEqualTo(404);
		assertThat(segments(get(media).body())).hasSize(3).doesNotContain(firstSegment);
		assertThat(this.hlsRadios.window("hls-ffmpeg").retainedCount()).isLessThanOrEqualTo(7);
	}

	@Test
	void mpvPlaysTheLivePlaylist() {
		String output = TestMp3s.run(List.of("mpv", "--no-config", "--ao=null", "--vo=null", "--length=4",
				"--msg-level=all=info", url("hls-mpv/live.m3u8")), 60);
		assertThat(output).contains("Audio").contains("mp3");
		assertThat(output).contains("Exiting... (End of file)");
		assertThat(output).doesNotContain("Error while decoding").doesNotContain("Header missing");
	}

	@Test
	void playlistsAreNeverCachedAndSegmentsAreImmutable() throws Exception {
		HttpResponse<String> multivariant = get(url("hls-headers/live.m3u8"));
		assertThat(multivariant.statusCode()).isEqualTo(200);
		assertThat(multivariant.headers().firstValue("Content-Type")).hasValue("application/vnd.apple.mpegurl");
		assertThat(multivariant.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(multivariant.body()).startsWith("#EXTM3U\n").contains("CODECS=\"mp4a.40.34\"");
		String media = url("hls-headers/" + variant(multivariant.body()));
		HttpResponse<String> playlist = get(media);
		assertThat(playlist.headers().firstValue("Cache-Control")).hasValue("no-cache");
		assertThat(playlist.body()).contains("#EXT-X-TARGETDURATION:1\n").contains("#EXTINF:1.0");
		assertThat(playlist.body()).as("the title on air, as ICY would give it").contains(",Ann - Alpha\n");
		String name = segments(playlist.body()).get(0);
		HttpResponse<byte[]> segment = this.http.send(HttpRequest.newBuilder(URI.create(url("hls-headers/live/" + name)))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(segment.statusCode()).isEqualTo(200);
		assertThat(segment.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
		assertThat(segment.headers().firstValue("Cache-Control")).hasValue("public, max-age=86400, immutable");
		String head = new String(segment.body(), 0, 200, StandardCharsets.ISO_8859_1);
		assertThat(head).startsWith("ID3\u0004").contains("com.apple.streaming.transportStreamTimestamp")
			.contains("TIT2").contains("Ann - Alpha");
		assertThat(get(url("hls-headers/live/" + name.replace(".mp3", "9999.mp3"))).headers()
			.firstValue("Cache-Control")).hasValue("no-store");
	}

	@Test
	void unknownRadioSessionOrSegmentIsNotFound() throws Exception {
		assertThat(get(url("hls-nobody/live.m3u8")).statusCode()).isEqualTo(404);
		assertThat(get(url("bad%20id/live.m3u8")).statusCode()).isEqualTo(404);
		assertThat(get(url("hls-headers/live/AAAAAAAAAAAAAAAAAAAAAA.m3u8")).statusCode()).isEqualTo(404);
		assertThat(get(url("hls-headers/live/abc-1.mp3")).statusCode()).isEqualTo(404);
		assertThat(get(url("hls-headers/live/other.txt")).statusCode()).isEqualTo(404);
	}

	@Test
	void tokensAreCheckedAsForTheMp3StreamAndRefusedOnesListenAnonymously() throws Exception {
		HttpResponse<String> known = get(url("hls-auth/live.m3u8?auth_token=good-token"));
		HttpResponse<String> refused = get(url("hls-auth/live.m3u8?auth_token=bad-token"));
		assertThat(known.statusCode()).isEqualTo(200);
		assertThat(known.headers().firstValue("X-Mediafleet-Hd")).hasValue("true");
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.headers().firstValue("X-Mediafleet-Hd")).hasValue("false");
		String knownSession = session(known.body());
		String refusedSession = session(refused.body());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(scheduler.received("register_listener")).anySatisfy((message) -> {
				assertThat(message.get("session_id").asString()).isEqualTo(knownSession);
				assertThat(message.get("radio_uuid").asString()).isEqualTo("hls-auth");
				assertThat(message.get("user_id").asLong()).isEqualTo(1742);
			});
			assertThat(scheduler.received("register_listener")).anySatisfy((message) -> {
				assertThat(message.get("session_id").asString()).isEqualTo(refusedSession);
				assertThat(message.get("user_id").isNull()).isTrue();
			});
		});
	}

	@Test
	void hlsListenerCountsWhileItFetchesAndIsUnregisteredWhenItStops() throws Exception {
		String media = mediaPlaylistUrl("hls-count");
		String session = media.substring(media.lastIndexOf('/') + 1, media.length() - ".m3u8".length());
		// Keep fetching for longer than the session timeout: the session must stay.
		for (int i = 0; i < 5; i++) {
			assertThat(get(media).statusCode()).isEqualTo(200);
			assertThat(get(url("../status-json.xsl")).body()).containsPattern("\"listenurl\":\"[^\"]*hls-count\"")
				.containsPattern("\"listeners\":[1-9]");
			Thread.sleep(1000);
		}
		assertThat(scheduler.received("unregister_listener"))
			.noneSatisfy((message) -> assertThat(message.get("session_id").asString()).isEqualTo(session));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(scheduler.received("unregister_listener"))
			.anySatisfy((message) -> assertThat(message.get("session_id").asString()).isEqualTo(session)));
		assertThat(get(media).statusCode()).as("an expired session is gone").isEqualTo(404);
	}

	private String mediaPlaylistUrl(String radio) throws Exception {
		HttpResponse<String> multivariant = get(url(radio + "/live.m3u8"));
		assertThat(multivariant.statusCode()).as(multivariant.body()).isEqualTo(200);
		return url(radio + "/" + variant(multivariant.body()));
	}

	private static String variant(String multivariant) {
		Matcher matcher = Pattern.compile("^(live/[A-Za-z0-9_-]+\\.m3u8)$", Pattern.MULTILINE).matcher(multivariant);
		assertThat(matcher.find()).as(multivariant).isTrue();
		return matcher.group(1);
	}

	private static String session(String multivariant) {
		String variant = variant(multivariant);
		return variant.substring("live/".length(), variant.length() - ".m3u8".length());
	}

	private static List<String> segments(String playlist) {
		List<String> names = new ArrayList<>();
		Matcher matcher = SEGMENT.matcher(playlist);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	/** pts and nb_samples of every frame ashowinfo printed. */
	private static List<long[]> decodedFrames(String output) {
		List<long[]> frames = new ArrayList<>();
		Matcher matcher = Pattern.compile("Parsed_ashowinfo.*? pts:(-?[0-9]+) .*?nb_samples:([0-9]+)").matcher(output);
		while (matcher.find()) {
			frames.add(new long[] { Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)) });
		}
		return frames;
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private String url(String path) {
		return URI.create("http://127.0.0.1:" + this.port + "/radios/").resolve(path).toString();
	}

}
