package io.mediafleet.schema.tsp;

import java.time.Duration;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of valid frames, song lines, catalogue entries and INIT payloads for the property
 * tests.
 */
final class TspArbitraries {

	private TspArbitraries() {
	}

	static Arbitrary<TspFrame> frames() {
		Arbitrary<byte[]> payloads = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
		return Combinators.combine(Arbitraries.of(TspType.class), Arbitraries.integers(), payloads)
			.as((type, songId, payload) -> type.carriesPayload() ? TspFrame.of(type, songId, payload)
					: TspFrame.of(type, songId));
	}

	static Arbitrary<TspFrame> framesOf(TspType type) {
		return frames().map((frame) -> type.carriesPayload() ? TspFrame.of(type, frame.songId(), frame.payload())
				: TspFrame.of(type, frame.songId()));
	}

	/** Text without control characters: commas, arrows, dashes, spaces and non-ASCII included. */
	static Arbitrary<String> text() {
		Arbitrary<String> pieces = Arbitraries.of(" ", ", ", " > ", "-", "é", "日本", "🎵", "\u00a0", ".mp3");
		Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(15);
		return Arbitraries.oneOf(pieces, ascii).list().ofMaxSize(5).map((list) -> String.join("", list));
	}

	static Arbitrary<SongLine> songLines() {
		Arbitrary<String> md5 = Arbitraries.strings().withChars("0123456789abcdef").ofLength(32).injectNull(0.2);
		Arbitrary<Long> size = Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.2);
		Arbitrary<Duration> duration = Arbitraries.longs().between(0, 100_000_000_000L).map(Duration::ofMillis)
			.injectNull(0.2);
		Arbitrary<String> fileName = text().filter((name) -> !name.isEmpty());
		return Combinators.combine(md5, size, duration, text(), text(), fileName).as(SongLine::new);
	}

	static Arbitrary<PeerAddress> peerAddresses() {
		Arbitrary<String> hostNames = Arbitraries.strings().withCharRange('a', 'z').withChars("0123456789.-_")
			.ofMinLength(1).ofMaxLength(30);
		Arbitrary<String> ipv4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
			.map((parts) -> String.join(".", parts.stream().map(String::valueOf).toList()));
		Arbitrary<String> ipv6 = Arbitraries.integers().between(0, 0xffff).list().ofSize(8)
			.map((parts) -> String.join(":", parts.stream().map(Integer::toHexString).toList()));
		return Combinators.combine(Arbitraries.oneOf(hostNames, ipv4, ipv6, Arbitraries.just("::1")),
				Arbitraries.integers().between(1, 65535))
			.as(PeerAddress::new);
	}

	static Arbitrary<CatalogueEntry> catalogueEntries() {
		return Combinators.combine(Arbitraries.integers().greaterOrEqual(0), songLines(),
				peerAddresses().list().ofMaxSize(5))
			.as(CatalogueEntry::new);
	}

	static Arbitrary<InitPayload> initPayloads() {
		return Combinators.combine(peerAddresses().injectNull(0.3), songLines().list().ofMaxSize(20))
			.as(InitPayload::new);
	}

}
