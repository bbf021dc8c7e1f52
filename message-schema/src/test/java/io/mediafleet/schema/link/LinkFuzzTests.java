package io.mediafleet.schema.link;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import io.mediafleet.schema.json.JsonLimits;
import io.mediafleet.schema.link.TestMessages.BurnStatusEvent;
import io.mediafleet.schema.link.TestMessages.QueueAdd;
import io.mediafleet.schema.link.TestMessages.QueueAddResult;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random text and mutated valid messages never make the codec fail with anything but
 * {@link LinkCodecException}, and nothing over the byte limit gets past the size check.
 */
class LinkFuzzTests {

	/** Small limits so that limits, not only syntax, are reached by the fuzzer. */
	private static final JsonLimits SMALL = new JsonLimits(512, 6, 64, 200);

	private final LinkCodec codec = new LinkCodec(TestMessages.catalogue());

	private final LinkCodec small = new LinkCodec(TestMessages.catalogue(), SMALL);

	private final List<String> validMessages = List.of(
			this.codec.encode(new LinkMessage(1, "hello", Hello.current())),
			this.codec.encode(new LinkMessage(1, "register_slave", RegisterSlave.of("tok", "agent", "burner-1", 123))),
			this.codec.encode(new LinkMessage(1, "register_control", RegisterControl.of("tok", "cli"))),
			this.codec.encode(new LinkMessage(2, "ready",
					Ready.session("s", Duration.ofMillis(1500), Duration.ofSeconds(60)))),
			this.codec.encode(new LinkMessage(1, "resume", Resume.of("s", 41))),
			this.codec.encode(new LinkMessage(2, "continue", new Continue(17, Duration.ofSeconds(15), null))),
			this.codec.encode(new LinkMessage(2, "invalidate", new Invalidate())),
			this.codec.encode(new LinkMessage(42, "heartbeat", Heartbeat.of(17))),
			this.codec.encode(new LinkMessage(43, "close", Close.of("shutdown"))),
			this.codec.encode(new LinkMessage(5, "burn_status_event", new BurnStatusEvent("h", "BURN", 50))),
			this.codec.encode(new LinkMessage(3, "queue_add_request", new QueueAdd("h", 10))),
			this.codec.encode(new LinkMessage(9, "queue_add_response", Response.of(3, new QueueAddResult(77)))),
			this.codec.encode(new LinkMessage(10, "queue_add_response", ErrorResponse.of(3, "nope"))));

	@Property(tries = 1500)
	void randomTextYieldsAMessageOrTheCodecException(@ForAll("randomTexts") String text) {
		decodeEverywhere(this.codec, text);
		decodeEverywhere(this.small, text);
	}

	@Property(tries = 1500)
	void mutatedValidMessagesYieldAMessageOrTheCodecException(@ForAll("mutatedMessages") String text) {
		decodeEverywhere(this.codec, text);
		decodeEverywhere(this.small, text);
	}

	@Property(tries = 500)
	void textOverTheByteLimitIsAlwaysRejectedBeforeParsing(@ForAll("randomTexts") String text) {
		int bytes = text.getBytes(StandardCharsets.UTF_8).length;
		try {
			this.small.decodeEnvelope(text);
			assertThat(bytes).isLessThanOrEqualTo(SMALL.maxMessageBytes());
		}
		catch (LinkCodecException ex) {
			boolean sizeRejected = ex.getMessage().equals("message exceeds the limit of 512 bytes");
			assertThat(sizeRejected).as("size check for %d bytes", bytes).isEqualTo(bytes > SMALL.maxMessageBytes());
		}
	}

	private static void decodeEverywhere(LinkCodec codec, String text) {
		attempt(() -> codec.decodeEnvelope(text));
		for (Endpoint receiver : Endpoint.values()) {
			attempt(() -> codec.decodeHandshake(text, receiver));
		}
		for (Direction direction : Direction.values()) {
			attempt(() -> codec.decode(text, direction.to(), direction.from()));
		}
	}

	private static void attempt(Runnable decode) {
		try {
			decode.run();
		}
		catch (LinkCodecException ex) {
			assertThat(ex.getMessage()).isNotBlank();
		}
		catch (Throwable ex) {
			fail("decoder threw " + ex.getClass().getName() + " instead of LinkCodecException", ex);
		}
	}

	@Provide
	Arbitrary<String> randomTexts() {
		Arbitrary<String> jsonish = Arbitraries.strings()
			.withChars("{}[]\":,.-+eE0123456789 \\/untrlsfaqyped_")
			.ofMaxLength(120);
		Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(120);
		Arbitrary<String> huge = Arbitraries.strings().withChars("[{\"a1").ofMinLength(400).ofMaxLength(2000);
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, jsonish), net.jqwik.api.Tuple.of(3, anything),
				net.jqwik.api.Tuple.of(1, huge));
	}

	@Provide
	Arbitrary<String> mutatedMessages() {
		return Arbitraries.of(this.validMessages)
			.flatMap((valid) -> Arbitraries.longs().map((seed) -> mutate(valid, new Random(seed))));
	}

	private static final String[] FRAGMENTS = { "{", "}", "[", "]", "\"", ",", ":", "null", "-1", "0", "1e999",
			"9223372036854775808", "1.5", "true", "\"\"", "{}", "[]", "\\u0000", "\\ud800", "\"seq\":", "\"type\":",
			"\"data\":", "\"error\":", "\"last_seq\":", "\"heartbeat_interval\":", "\"id\":", "_event", "_request",
			"_response", "[[[[[[[[[[[[", "\uD83D\uDE00", "\u0000" };

	private static String mutate(String valid, Random random) {
		StringBuilder text = new StringBuilder(valid);
		int edits = 1 + random.nextInt(4);
		for (int i = 0; i < edits; i++) {
			int at = random.nextInt(text.length() + 1);
			switch (random.nextInt(6)) {
				case 0 -> {
					if (at < text.length()) {
						text.deleteCharAt(at);
					}
				}
				case 1 -> text.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
				case 2 -> {
					if (at < text.length()) {
						text.setCharAt(at, (char) random.nextInt(128));
					}
				}
				case 3 -> text.setLength(Math.min(at, text.length()));
				case 4 -> {
					int end = Math.min(text.length(), at + random.nextInt(20));
					text.insert(at, text.substring(Math.min(at, end), end).repeat(1 + random.nextInt(30)));
				}
				default -> {
					int end = Math.min(text.length(), at + 1 + random.nextInt(10));
					if (at < end) {
						text.replace(at, end, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
					}
				}
			}
		}
		return text.toString();
	}

}
