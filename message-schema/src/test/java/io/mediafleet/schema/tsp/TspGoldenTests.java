package io.mediafleet.schema.tsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files under {@code golden/tsp/}, one or two per frame type, stored as commented hex:
 * they decode to the expected frame fed one byte at a time, encode back byte for byte, and their
 * payloads parse to the expected song lines and catalogue entries.
 */
class TspGoldenTests {

	static final String MD5A = "0f343b0931126a20f133d67c2b018a3b";

	static final String MD5B = "5d41402abc4b2a76b9719d911017c592";

	static final SongLine LET_IT_BE = SongLine.of(MD5A, 7_340_032, Duration.ofMillis(431_200), "Let It Be",
			"The Beatles", "let_it_be.mp3");

	static final SongLine CAFE = SongLine.of(MD5B, 4_194_304, Duration.ofSeconds(250), "Café del Mar", "Energy 52",
			"cafe_del_mar.mp3");

	static final List<CatalogueEntry> CATALOGUE = List.of(
			CatalogueEntry.of(7, LET_IT_BE, PeerAddress.of("10.0.0.5", 7001), PeerAddress.of("10.0.0.9", 7001)),
			CatalogueEntry.of(8, CAFE, PeerAddress.of("2001:db8::7", 7002)));

	static final byte[] MP3_START = HexFormat.of()
		.parseHex("494433040000000000235453534500000f0000034c61766635382e37362e31303000fffb9064");

	static final Map<String, TspFrame> GOLDEN = golden();

	private static Map<String, TspFrame> golden() {
		TspPayloads payloads = new TspPayloads();
		Map<String, TspFrame> golden = new LinkedHashMap<>();
		golden.put("0-init", TspFrame.of(TspType.INIT, TspFrame.NO_SONG, ("PEER\t10.0.0.5:7001\n"
				+ "Hey Jude, The Beatles > hey_jude.mp3\n" + SongLines.format(LET_IT_BE) + "\n")
			.getBytes(StandardCharsets.UTF_8)));
		golden.put("0-init-extended", TspFrame.of(TspType.INIT, TspFrame.NO_SONG, payloads.formatInit(InitPayload
			.of(PeerAddress.of("2001:db8::7", 7002), CAFE, SongLine.of("Untitled", "", "track01.mp3")))));
		golden.put("1-list-request", TspFrame.of(TspType.LIST, TspFrame.NO_SONG));
		golden.put("1-list-response", TspFrame.of(TspType.LIST, TspFrame.NO_SONG, payloads.formatCatalogue(CATALOGUE)));
		golden.put("2-info-request", TspFrame.of(TspType.INFO, 7));
		golden.put("2-info-response", TspFrame.of(TspType.INFO, 7, payloads.formatCatalogue(CATALOGUE.subList(0, 1))));
		golden.put("3-play-request", TspFrame.of(TspType.PLAY, 7));
		golden.put("3-play-response", TspFrame.of(TspType.PLAY, 7, MP3_START));
		golden.put("4-stop", TspFrame.of(TspType.STOP, 7));
		golden.put("5-quit", TspFrame.of(TspType.QUIT, TspFrame.NO_SONG));
		golden.put("6-error", TspFrame.error(99, "no song with id 99"));
		golden.put("7-broadcast-list", TspFrame.of(TspType.BROADCAST_LIST, TspFrame.NO_SONG,
				payloads.formatCatalogue(CATALOGUE)));
		return golden;
	}

	static Stream<Arguments> goldenFiles() {
		return GOLDEN.entrySet().stream().map((entry) -> Arguments.of(entry.getKey(), entry.getValue()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("goldenFiles")
	void goldenFileDecodesFedOneByteAtATimeAndEncodesBackByteForByte(String name, TspFrame expected) {
		byte[] wire = readHex(name);
		TspDecoder decoder = new TspDecoder();
		List<TspFrame> decoded = new ArrayList<>();
		for (byte b : wire) {
			decoder.decode(ByteBuffer.wrap(new byte[] { b }), decoded::add);
		}
		assertThat(decoded).containsExactly(expected);
		assertThat(decoder.bufferedBytes()).isZero();
		assertThat(new TspEncoder().encode(expected)).isEqualTo(wire);
	}

	@Test
	void everyTypeHasAGoldenFile() {
		assertThat(GOLDEN.values().stream().map(TspFrame::type).distinct()).containsExactlyInAnyOrder(TspType.values());
	}

	@Test
	void allGoldenFilesInOneBufferDecodeInOrder() {
		ByteBuffer all = ByteBuffer.allocate(8192);
		GOLDEN.keySet().forEach((name) -> all.put(readHex(name)));
		List<TspFrame> decoded = new ArrayList<>();
		new TspDecoder().decode(all.flip(), decoded::add);
		assertThat(decoded).containsExactlyElementsOf(GOLDEN.values());
	}

	@Test
	void initFromAnOriginalStylePeerParsesBothLineForms() {
		InitPayload init = new TspPayloads().parseInit(GOLDEN.get("0-init").payload());
		assertThat(init).isEqualTo(InitPayload.of(PeerAddress.of("10.0.0.5", 7001),
				SongLine.of("Hey Jude", "The Beatles", "hey_jude.mp3"), LET_IT_BE));
	}

	@Test
	void initAsWeEmitItParsesAndFormatsBackByteForByte() {
		TspPayloads payloads = new TspPayloads();
		byte[] payload = GOLDEN.get("0-init-extended").payload();
		InitPayload init = payloads.parseInit(payload);
		assertThat(init.listenAddress()).isEqualTo(PeerAddress.of("2001:db8::7", 7002));
		assertThat(init.songs()).containsExactly(CAFE, new SongLine(null, null, null, "Untitled", "", "track01.mp3"));
		assertThat(payloads.formatInit(init)).isEqualTo(payload);
	}

	@Test
	void catalogueAnswersParseToTheCatalogue() {
		TspPayloads payloads = new TspPayloads();
		assertThat(payloads.parseCatalogue(GOLDEN.get("1-list-response").payload())).isEqualTo(CATALOGUE);
		assertThat(payloads.parseCatalogue(GOLDEN.get("2-info-response").payload()))
			.containsExactly(CATALOGUE.get(0));
		assertThat(payloads.parseCatalogue(GOLDEN.get("7-broadcast-list").payload())).isEqualTo(CATALOGUE);
	}

	@Test
	void errorPayloadIsUtf8Text() {
		assertThat(GOLDEN.get("6-error").payloadText()).isEqualTo("no song with id 99");
	}

	static byte[] readHex(String name) {
		try (InputStream in = TspGoldenTests.class.getResourceAsStream("/golden/tsp/" + name + ".hex")) {
			assertThat(in).as("golden file %s", name).isNotNull();
			StringBuilder hex = new StringBuilder();
			for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
				int comment = line.indexOf('#');
				hex.append(((comment < 0) ? line : line.substring(0, comment)).replaceAll("[\\s|]", ""));
			}
			return HexFormat.of().parseHex(hex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
