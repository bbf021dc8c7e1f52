package io.mediafleet.schema.radio;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.mediafleet.schema.json.JsonTrees;
import io.mediafleet.schema.json.JsonLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files of every radio message, one per message (and per variant), written from the seed's
 * field lists: each decodes to the expected record and re-encodes to equal JSON.
 */
class RadioGoldenTests {

	private static final String STREAMER = "yastream-paris-1";

	private static final String RADIO = "8a3c0f5e2b7d4e19a6f1c2d3e4f50617";

	private static final String SESSION = "9b1e7c52-3f0a-4d6e-8c21-5a7f0e9d4b13";

	private static final String TOKEN = "c2Vzc2lvbi10b2tlbi0xNzQy";

	private static final String API_KEY = "5d41402abc4b2a76b9719d911017c592";

	static final Map<String, StreamerMessage> STREAMER_FILES = new LinkedHashMap<>();

	static final Map<String, SchedulerMessage> SCHEDULER_FILES = new LinkedHashMap<>();

	static {
		STREAMER_FILES.put("register_streamer.json", new RegisterStreamer(STREAMER));
		STREAMER_FILES.put("unregister_streamer.json", new UnregisterStreamer(STREAMER));
		STREAMER_FILES.put("pong.json", new Pong(STREAMER));
		STREAMER_FILES.put("pong-load.json",
				Pong.withLoad(STREAMER, 4210, 18000, "http://yastream-paris-1.internal:8001"));
		STREAMER_FILES.put("user_authentication-auth_token.json", UserAuthenticationRequest.withToken(STREAMER, TOKEN));
		STREAMER_FILES.put("user_authentication-api_key.json",
				UserAuthenticationRequest.withApiKey(STREAMER, "jerome", API_KEY));
		STREAMER_FILES.put("play_radio.json", new PlayRadio(STREAMER, RADIO));
		STREAMER_FILES.put("stop_radio.json", new StopRadio(STREAMER, RADIO));
		STREAMER_FILES.put("register_listener.json", new RegisterListener(RADIO, SESSION, "1742"));
		STREAMER_FILES.put("register_listener-anonymous.json",
				RegisterListener.anonymous(RADIO, "0d4c2b8a-61f5-4e3b-9a07-c8e1d2f3a4b5"));
		STREAMER_FILES.put("unregister_listener.json", new UnregisterListener(SESSION));
		STREAMER_FILES.put("test.json", new StreamerTest(STREAMER, "hello scheduler"));

		SCHEDULER_FILES.put("ping.json", Ping.INSTANCE);
		SCHEDULER_FILES.put("test.json", new SchedulerTest("hello scheduler"));
		SCHEDULER_FILES.put("radio_started.json", new RadioStarted(RADIO));
		SCHEDULER_FILES.put("radio_exists.json", RadioExists.of(RADIO, "yastream-lyon-2"));
		SCHEDULER_FILES.put("radio_exists-master_url.json", new RadioExists(RADIO, "yastream-lyon-2",
				"http://yastream-lyon-2.internal:8000/8a3c0f5e2b7d4e19a6f1c2d3e4f50617"));
		SCHEDULER_FILES.put("radio_unknown.json", new RadioUnknown("00000000000000000000000000000000"));
		SCHEDULER_FILES.put("radio_stopped.json", new RadioStopped(RADIO));
		SCHEDULER_FILES.put("play.json", new Play(RADIO, "songs/3f/2a/3f2a91c4.mp3", 5, 0, 3.5));
		SCHEDULER_FILES.put("play-join.json", new Play(RADIO, "songs/3f/2a/3f2a91c4.mp3", 0, 83.216, 3.5));
		SCHEDULER_FILES.put("user_authentication-accepted.json", UserAuthenticationResult
			.accepted(UserAuthenticationRequest.withToken(STREAMER, TOKEN), "1742", true));
		SCHEDULER_FILES.put("user_authentication-rejected.json", UserAuthenticationResult
			.rejected(UserAuthenticationRequest.withApiKey(STREAMER, "jerome", API_KEY)));
	}

	private final RadioCodec codec = new RadioCodec(JsonLimits.DEFAULTS);

	static Set<String> streamerFiles() {
		return STREAMER_FILES.keySet();
	}

	static Set<String> schedulerFiles() {
		return SCHEDULER_FILES.keySet();
	}

	@ParameterizedTest
	@MethodSource("streamerFiles")
	void streamerGoldenFileDecodesToItsRecordAndReencodesToEqualJson(String file) {
		String json = JsonTrees.resource("/golden/radio/streamer/" + file);
		StreamerMessage decoded = this.codec.decodeStreamerMessage(json);
		assertThat(decoded).isEqualTo(STREAMER_FILES.get(file));
		JsonTrees.assertJsonEquals(this.codec.encode(decoded), json);
		assertThat(this.codec.decodeStreamerMessage(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
			.isEqualTo(decoded);
	}

	@ParameterizedTest
	@MethodSource("schedulerFiles")
	void schedulerGoldenFileDecodesToItsRecordAndReencodesToEqualJson(String file) {
		String json = JsonTrees.resource("/golden/radio/scheduler/" + file);
		SchedulerMessage decoded = this.codec.decodeSchedulerMessage(json);
		assertThat(decoded).isEqualTo(SCHEDULER_FILES.get(file));
		JsonTrees.assertJsonEquals(this.codec.encode(decoded), json);
		assertThat(this.codec.decodeSchedulerMessage(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
			.isEqualTo(decoded);
	}

	@Test
	void everyGoldenFileOnDiskIsCheckedAndEveryCheckedFileExists() {
		assertThat(JsonTrees.fileNames("/golden/radio/streamer")).containsExactlyInAnyOrderElementsOf(streamerFiles());
		assertThat(JsonTrees.fileNames("/golden/radio/scheduler"))
			.containsExactlyInAnyOrderElementsOf(schedulerFiles());
	}

	@Test
	void everyMessageTypeOfBothDirectionsHasAGoldenFile() {
		assertThat(STREAMER_FILES.values().stream().map(Object::getClass).collect(Collectors.toSet()))
			.containsExactlyInAnyOrder(StreamerMessage.class.getPermittedSubclasses());
		assertThat(SCHEDULER_FILES.values().stream().map(Object::getClass).collect(Collectors.toSet()))
			.containsExactlyInAnyOrder(SchedulerMessage.class.getPermittedSubclasses());
	}

}
