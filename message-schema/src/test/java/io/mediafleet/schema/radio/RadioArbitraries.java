package io.mediafleet.schema.radio;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of valid radio field values and messages, shared by the property and fuzz tests.
 */
final class RadioArbitraries {

	private RadioArbitraries() {
	}

	/** 1-128 characters without whitespace or control characters, ASCII and beyond. */
	static Arbitrary<String> streamerIds() {
		return Arbitraries.strings()
			.withCharRange('!', '~')
			.withCharRange('\u00c0', '\u024f')
			.withCharRange('\u4e00', '\u4e40')
			.ofMinLength(1)
			.ofMaxLength(RadioFields.MAX_STREAMER_ID_LENGTH);
	}

	/** Well-formed text of any characters but unpaired surrogates, with the odd emoji. */
	static Arbitrary<String> text() {
		Arbitrary<String> plain = Arbitraries.strings()
			.withCharRange('\u0000', '\ud7ff')
			.withCharRange('\ue000', '\ufffd')
			.ofMaxLength(60);
		return Arbitraries.frequencyOf(
				net.jqwik.api.Tuple.of(8, plain),
				net.jqwik.api.Tuple.of(1, plain.map((text) -> text + "\uD83C\uDFB5")),
				net.jqwik.api.Tuple.of(1, Arbitraries.strings().ascii().ofMaxLength(20)));
	}

	/** Text that is not blank: radio uuids, session ids, tokens. */
	static Arbitrary<String> ids() {
		return text().filter((text) -> !text.isBlank());
	}

	/** User ids as the two kinds seen on the wire: decimal integers and opaque strings. */
	static Arbitrary<String> userIds() {
		return Arbitraries.oneOf(Arbitraries.longs().between(0, Long.MAX_VALUE).map(String::valueOf), ids());
	}

	/** File names without control characters, up to the length limit. */
	static Arbitrary<String> filenames() {
		return Arbitraries.strings()
			.withCharRange(' ', '~')
			.withCharRange('\u00a0', '\ud7ff')
			.withCharRange('\ue000', '\ufffd')
			.ofMinLength(1)
			.ofMaxLength(RadioFields.MAX_FILENAME_LENGTH)
			.filter((name) -> !name.isBlank());
	}

	/** Finite, non-negative seconds, whole and fractional, tiny and huge. */
	static Arbitrary<Double> seconds() {
		return Arbitraries.oneOf(Arbitraries.doubles().between(0, 86_400),
				Arbitraries.doubles().between(0, Double.MAX_VALUE), Arbitraries.of(0.0, 5.0, 0.001, Double.MIN_VALUE));
	}

	static Arbitrary<String> httpUrls() {
		Arbitrary<String> words = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
		return Combinators.combine(Arbitraries.of("http", "https"), words, Arbitraries.integers().between(1, 65535),
				words)
			.as((scheme, host, port, path) -> scheme + "://" + host + ".example:" + port + "/" + path);
	}

	static Arbitrary<UserAuthenticationRequest> userAuthenticationRequests() {
		return Combinators.combine(streamerIds(), ids().injectNull(0.5), ids(), ids())
			.as((streamer, token, username, apiKey) -> (token != null)
					? new UserAuthenticationRequest(streamer, token, null, null)
					: UserAuthenticationRequest.withApiKey(streamer, username, apiKey));
	}

	static Arbitrary<StreamerMessage> streamerMessages() {
		return Arbitraries.oneOf(streamerIds().map(RegisterStreamer::new), streamerIds().map(UnregisterStreamer::new),
				streamerIds().map(Pong::new), userAuthenticationRequests(),
				Combinators.combine(streamerIds(), ids()).as(PlayRadio::new),
				Combinators.combine(streamerIds(), ids()).as(StopRadio::new),
				Combinators.combine(ids(), ids(), userIds().injectNull(0.3), streamerIds().injectNull(0.5))
					.as(RegisterListener::new),
				ids().map(UnregisterListener::new), Combinators.combine(streamerIds(), text()).as(StreamerTest::new));
	}

	static Arbitrary<SchedulerMessage> schedulerMessages() {
		return Arbitraries.oneOf(Arbitraries.just(Ping.INSTANCE), text().map(SchedulerTest::new),
				ids().map(RadioStarted::new),
				Combinators.combine(ids(), streamerIds(), httpUrls().injectNull(0.5)).as(RadioExists::new),
				ids().map(RadioUnknown::new), ids().map(RadioStopped::new),
				Combinators.combine(ids(), filenames(), seconds(), seconds(), seconds()).as(Play::new),
				Combinators.combine(userIds().injectNull(0.3), Arbitraries.of(true, false), userAuthenticationRequests())
					.as((userId, hd, request) -> new UserAuthenticationResult(userId, hd, request.authToken(),
							request.username(), request.apiKey())));
	}

}
