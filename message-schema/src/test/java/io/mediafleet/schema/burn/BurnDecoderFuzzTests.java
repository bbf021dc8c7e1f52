package io.mediafleet.schema.burn;

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
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random and mutated input never makes the decoder do anything but emit messages or throw
 * {@link BurnCodecException}, and its buffer never grows past {@code maxMessageBytes}.
 */
class BurnDecoderFuzzTests {

	/** Small limits for noise, so limits are hit often. */
	private static final Limits TIGHT = new Limits(120, 600, 12);

	/** Limits most generated valid messages fit in, so mutations reach the parser. */
	private static final Limits ROOMY = new Limits(1024, 4096, 40);

	@Property(tries = 1500)
	void randomBytesYieldOnlyMessagesOrBurnCodecException(@ForAll("noise") byte[] input,
			@ForAll("chunkSizes") int chunk) {
		Outcome outcome = feed(input, chunk, TIGHT);
		Statistics.label("bad message").collect(outcome.badMessages() > 0);
		Statistics.label("framing lost").collect(outcome.framingLost());
		Statistics.label("bad message").coverage((coverage) -> coverage.check(true).percentage((p) -> p > 5));
		Statistics.label("framing lost").coverage((coverage) -> coverage.check(true).percentage((p) -> p > 5));
	}

	@Property(tries = 1500)
	void mutatedValidStreamsYieldOnlyMessagesOrBurnCodecException(@ForAll("mutatedStreams") byte[] input,
			@ForAll("chunkSizes") int chunk) {
		Outcome outcome = feed(input, chunk, ROOMY);
		Statistics.label("decoded").collect(outcome.decoded() > 0);
		Statistics.label("bad message").collect(outcome.badMessages() > 0);
		Statistics.label("decoded").coverage((coverage) -> coverage.check(true).percentage((p) -> p > 15));
		Statistics.label("bad message").coverage((coverage) -> coverage.check(true).percentage((p) -> p > 5));
	}

	private static Outcome feed(byte[] input, int chunk, Limits limits) {
		BurnDecoder decoder = new BurnDecoder(limits.line(), limits.message(), limits.fields());
		List<BurnMessage> decoded = new ArrayList<>();
		int badMessages = 0;
		try {
			for (int offset = 0; offset < input.length && !decoder.isFailed(); offset += chunk) {
				ByteBuffer fragment = ByteBuffer.wrap(input, offset, Math.min(chunk, input.length - offset));
				while (fragment.hasRemaining()) {
					try {
						decoder.decode(fragment, decoded::add);
					}
					catch (BurnCodecException ex) {
						assertThat(ex.getMessage()).isNotBlank();
						assertThat(ex.protocol()).isEqualTo("burn");
						if (ex.isFramingIntact()) {
							badMessages++;
						}
						else {
							assertThat(decoder.isFailed()).isTrue();
							break;
						}
					}
					assertBounded(decoder, limits);
				}
				assertBounded(decoder, limits);
			}
		}
		catch (Throwable ex) {
			if (ex instanceof AssertionError assertion) {
				throw assertion;
			}
			fail("decoder threw " + ex + " instead of BurnCodecException", ex);
		}
		BurnEncoder encoder = new BurnEncoder();
		for (BurnMessage message : decoded) {
			// Whatever was accepted must write back to something that decodes to the same message.
			List<BurnMessage> again = new ArrayList<>();
			new BurnDecoder().decode(ByteBuffer.wrap(encoder.encode(message)), again::add);
			assertThat(again).containsExactly(message);
		}
		return new Outcome(decoded.size(), badMessages, decoder.isFailed());
	}

	private static void assertBounded(BurnDecoder decoder, Limits limits) {
		assertThat(decoder.bufferedBytes()).isBetween(0, limits.message());
		assertThat(decoder.bufferCapacity()).isLessThanOrEqualTo(limits.message());
	}

	@Provide
	Arbitrary<Integer> chunkSizes() {
		return Arbitraries.oneOf(Arbitraries.just(1), Arbitraries.integers().between(1, 2000));
	}

	@Provide
	Arbitrary<byte[]> noise() {
		Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
		Arbitrary<byte[]> tokens = Arbitraries
			.of("\t", "\r\n", "\n", "\r", " ", "\r\n\r\n", "STATUS", "QLIST", "SLIST", "INFO", "ERROR", "CAP",
					"ENOIDEA", "TIME", "100", "-", "\u00e9", BurnGoldenTests.H1, BurnGoldenTests.UID1.toUpperCase())
			.map((token) -> token.getBytes(StandardCharsets.UTF_8));
		Arbitrary<byte[]> odd = Arbitraries.of(new byte[] { (byte) 0xff }, new byte[] { (byte) 0xc3 },
				new byte[] { 0 }, new byte[] { (byte) 0xed, (byte) 0xa0, (byte) 0x80 });
		Arbitrary<byte[]> longLine = Arbitraries.integers().between(TIGHT.line() - 2, TIGHT.line() + 2)
			.map((n) -> "x".repeat(n).getBytes(StandardCharsets.US_ASCII));
		return Arbitraries.frequencyOf(
				Tuple.of(3, raw), Tuple.of(6, tokens), Tuple.of(1, odd),
				Tuple.of(1, longLine))
			.list().ofMaxSize(60).map(BurnDecoderFuzzTests::concat);
	}

	@Provide
	Arbitrary<byte[]> mutatedStreams() {
		BurnEncoder encoder = new BurnEncoder();
		Arbitrary<byte[]> valid = BurnArbitraries.messages().list().ofMinSize(1).ofMaxSize(4)
			.map((messages) -> concat(messages.stream().map(encoder::encode).toList()));
		Arbitrary<List<Mutation>> mutations = Combinators
			.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 10_000),
					Arbitraries.of((byte) '\t', (byte) '\r', (byte) '\n', (byte) ' ', (byte) 0xff, (byte) 0xc3,
							(byte) 'A', (byte) '0', (byte) 0))
			.as(Mutation::new)
			.list().ofMinSize(1).ofMaxSize(6);
		return Combinators.combine(valid, mutations).as(BurnDecoderFuzzTests::mutate);
	}

	private static byte[] mutate(byte[] valid, List<Mutation> mutations) {
		List<Byte> bytes = new ArrayList<>(valid.length + 16);
		for (byte b : valid) {
			bytes.add(b);
		}
		for (Mutation mutation : mutations) {
			if (bytes.isEmpty()) {
				break;
			}
			int at = mutation.position() % bytes.size();
			switch (mutation.kind()) {
				case 0 -> bytes.set(at, mutation.value());
				case 1 -> bytes.add(at, mutation.value());
				case 2 -> bytes.remove(at);
				case 3 -> bytes.subList(at, bytes.size()).clear();
				default -> bytes.addAll(at, List.copyOf(bytes.subList(at, Math.min(bytes.size(), at + 50))));
			}
		}
		byte[] result = new byte[bytes.size()];
		for (int i = 0; i < result.length; i++) {
			result[i] = bytes.get(i);
		}
		return result;
	}

	private static byte[] concat(List<byte[]> parts) {
		ByteBuffer out = ByteBuffer.allocate(parts.stream().mapToInt((part) -> part.length).sum());
		parts.forEach(out::put);
		return out.array();
	}

	private record Limits(int line, int message, int fields) {
	}

	private record Outcome(int decoded, int badMessages, boolean framingLost) {
	}

	private record Mutation(int kind, int position, byte value) {
	}

}
