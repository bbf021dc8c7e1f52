package io.mediafleet.schema.tsp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random and mutated input never makes the frame decoder or the payload parsers do anything but
 * produce results or throw {@link TspCodecException}, and buffers stay within their limits.
 */
class TspFuzzTests {

	private static final int MAX_PAYLOAD = 256;

	private static final int MAX_LINE = 80;

	private static final int MAX_LINES = 5;

	@Property(tries = 1500)
	void randomBytesIntoTheDecoderYieldOnlyFramesOrTspCodecException(@ForAll("noise") byte[] input,
			@ForAll("chunkSizes") int chunk) {
		Statistics.label("framing lost").collect(feedDecoder(input, chunk));
		Statistics.label("framing lost").coverage((coverage) -> coverage.check(true).percentage((p) -> p > 10));
	}

	@Property(tries = 1500)
	void mutatedFrameStreamsYieldOnlyFramesOrTspCodecException(@ForAll("mutatedStreams") byte[] input,
			@ForAll("chunkSizes") int chunk) {
		feedDecoder(input, chunk);
	}

	@Property(tries = 1500)
	void randomSongLinesParseOrFailWithTspCodecException(@ForAll("lines") String line) {
		try {
			SongLine song = SongLines.parse(line);
			assertThat(SongLines.parse(SongLines.format(song))).isEqualTo(song);
			Statistics.label("parsed").collect(true);
		}
		catch (TspCodecException ex) {
			assertThat(ex.getMessage()).startsWith("line 1: ");
			Statistics.label("parsed").collect(false);
		}
		catch (Throwable ex) {
			fail("song-line parser threw " + ex + " instead of TspCodecException", ex);
		}
		Statistics.label("parsed").coverage((coverage) -> coverage.check(true).percentage((p) -> p > 5));
	}

	@Property(tries = 1500)
	void randomPayloadsParseWithinTheLineLimitsOrFailWithTspCodecException(@ForAll("payloadNoise") byte[] payload) {
		TspPayloads payloads = new TspPayloads(MAX_LINE, MAX_LINES);
		try {
			InitPayload init = payloads.parseInit(payload);
			assertThat(init.songs().size() + ((init.listenAddress() != null) ? 1 : 0)).isLessThanOrEqualTo(MAX_LINES);
		}
		catch (TspCodecException ex) {
			assertThat(ex.getMessage()).startsWith("INIT ");
		}
		catch (Throwable ex) {
			fail("INIT parser threw " + ex + " instead of TspCodecException", ex);
		}
		try {
			assertThat(payloads.parseCatalogue(payload).size()).isLessThanOrEqualTo(MAX_LINES);
		}
		catch (TspCodecException ex) {
			assertThat(ex.getMessage()).startsWith("catalogue ");
		}
		catch (Throwable ex) {
			fail("catalogue parser threw " + ex + " instead of TspCodecException", ex);
		}
	}

	private static boolean feedDecoder(byte[] input, int chunk) {
		TspDecoder decoder = new TspDecoder(MAX_PAYLOAD);
		List<TspFrame> frames = new ArrayList<>();
		try {
			for (int offset = 0; offset < input.length; offset += chunk) {
				decoder.decode(ByteBuffer.wrap(input, offset, Math.min(chunk, input.length - offset)), frames::add);
				assertBounded(decoder);
			}
		}
		catch (TspCodecException ex) {
			assertThat(ex.getMessage()).isNotBlank();
			assertThat(decoder.isFailed()).isTrue();
			assertBounded(decoder);
		}
		catch (Throwable ex) {
			if (ex instanceof AssertionError assertion) {
				throw assertion;
			}
			fail("decoder threw " + ex + " instead of TspCodecException", ex);
		}
		TspEncoder encoder = new TspEncoder();
		for (TspFrame frame : frames) {
			assertThat(frame.payloadLength()).isLessThanOrEqualTo(MAX_PAYLOAD);
			List<TspFrame> again = new ArrayList<>();
			new TspDecoder(MAX_PAYLOAD).decode(ByteBuffer.wrap(encoder.encode(frame)), again::add);
			assertThat(again).containsExactly(frame);
		}
		return decoder.isFailed();
	}

	private static void assertBounded(TspDecoder decoder) {
		assertThat(decoder.bufferCapacity()).isLessThanOrEqualTo(MAX_PAYLOAD);
		assertThat(decoder.bufferedBytes()).isLessThanOrEqualTo(MAX_PAYLOAD + TspType.HEADER_WITH_LENGTH_BYTES);
	}

	@Provide
	Arbitrary<Integer> chunkSizes() {
		return Arbitraries.oneOf(Arbitraries.just(1), Arbitraries.integers().between(1, 600));
	}

	@Provide
	Arbitrary<byte[]> noise() {
		return Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
	}

	@Provide
	Arbitrary<byte[]> mutatedStreams() {
		TspEncoder encoder = new TspEncoder();
		Arbitrary<byte[]> valid = TspArbitraries.frames().list().ofMinSize(1).ofMaxSize(5).map((frames) -> {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			frames.forEach((frame) -> out.writeBytes(encoder.encode(frame)));
			return out.toByteArray();
		});
		return Combinators.combine(valid, Arbitraries.integers().between(0, 100_000).list().ofMinSize(1).ofMaxSize(4),
				Arbitraries.bytes()).as((bytes, positions, value) -> {
					byte[] mutated = bytes.clone();
					positions.forEach((position) -> mutated[position % mutated.length] = value);
					return mutated;
				});
	}

	@Provide
	Arbitrary<String> lines() {
		Arbitrary<String> valid = Arbitraries.oneOf(TspArbitraries.songLines().map(SongLines::format),
				Arbitraries.of("Hey Jude, The Beatles > hey_jude.mp3", "a,b>c", " , > x"));
		Arbitrary<String> mutated = Combinators
			.combine(valid, Arbitraries.integers().between(0, 1000).list().ofMaxSize(3), lineNoise())
			.as((line, positions, insert) -> {
				StringBuilder out = new StringBuilder(line);
				positions.forEach((position) -> out.insert(position % (out.length() + 1), insert));
				return out.toString();
			});
		return Arbitraries.oneOf(lineNoise(), mutated);
	}

	@Provide
	Arbitrary<String> lineNoise() {
		Arbitrary<String> pieces = Arbitraries.of("\t", ",", ">", " ", "-", ".", "0", "9", "99999999999999999999",
				"0f343b0931126a20f133d67c2b018a3b", "é", "\u0000", "\r", "mp3", "[::1]:80", "h:1");
		Arbitrary<String> any = Arbitraries.strings().ofMaxLength(10);
		return Arbitraries.oneOf(pieces, pieces, any).list().ofMaxSize(20).map((list) -> String.join("", list));
	}

	@Provide
	Arbitrary<byte[]> payloadNoise() {
		Arbitrary<String> lines = Arbitraries.oneOf(lineNoise(), Arbitraries.of("PEER\th:1", "PEER\t", "\n", "\r\n"),
				Arbitraries.strings().withChars("x").ofMinLength(MAX_LINE - 2).ofMaxLength(MAX_LINE + 2));
		Arbitrary<byte[]> text = lines.list().ofMaxSize(10)
			.map((list) -> String.join("\n", list).getBytes(StandardCharsets.UTF_8));
		return Arbitraries.oneOf(text, Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
	}

}
