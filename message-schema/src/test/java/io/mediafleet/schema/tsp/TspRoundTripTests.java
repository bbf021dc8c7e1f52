package io.mediafleet.schema.tsp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frames of every type, song lines, catalogue entries and INIT payloads survive encode then
 * decode unchanged, whatever the fragment sizes.
 */
class TspRoundTripTests {

	private final TspEncoder encoder = new TspEncoder();

	@Property(tries = 100)
	void initFrameRoundTrips(@ForAll("inits") TspFrame frame, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(frame, chunk);
	}

	@Property(tries = 100)
	void listFrameRoundTrips(@ForAll("lists") TspFrame frame, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(frame, chunk);
	}

	@Property(tries = 100)
	void infoFrameRoundTrips(@ForAll("infos") TspFrame frame, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(frame, chunk);
	}

	@Property(tries = 100)
	void playFrameRoundTrips(@ForAll("plays") TspFrame frame, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(frame, chunk);
	}

	@Property(tries = 100)
	void stopFrameRoundTrips(@ForAll("stops") TspFrame frame, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(frame, chunk);
	}

	@Property(tries = 100)
	void quitFrameRoundTrips(@ForAll("quits") TspFrame frame, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(frame, chunk);
	}

	@Property(tries = 100)
	void errorFrameRoundTrips(@ForAll("errors") TspFrame frame, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(frame, chunk);
	}

	@Property(tries = 100)
	void broadcastListFrameRoundTrips(@ForAll("broadcastLists") TspFrame frame, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(frame, chunk);
	}

	@Property(tries = 200)
	void manyFramesInOneStreamDecodeInOrder(@ForAll("frameLists") List<TspFrame> frames,
			@ForAll("chunkSizes") int chunk) {
		ByteArrayOutputStream stream = new ByteArrayOutputStream();
		frames.forEach((frame) -> stream.writeBytes(this.encoder.encode(frame)));
		assertThat(decodeInChunks(stream.toByteArray(), chunk)).containsExactlyElementsOf(frames);
	}

	@Property(tries = 500)
	void songLineRoundTripsThroughTheExtendedForm(@ForAll("songLines") SongLine song) {
		assertThat(SongLines.parse(SongLines.format(song))).isEqualTo(song);
	}

	@Property(tries = 300)
	void originalFormLineRoundTripsWhenItsPartsHaveNoSeparators(@ForAll("plainWords") String title,
			@ForAll("plainWords") String artist, @ForAll("plainWords") String file) {
		assertThat(SongLines.parse(title + ", " + artist + " > " + file)).isEqualTo(SongLine.of(title, artist, file));
	}

	@Property(tries = 300)
	void catalogueEntryRoundTrips(@ForAll("catalogueEntries") CatalogueEntry entry) {
		assertThat(SongLines.parseEntry(SongLines.formatEntry(entry))).isEqualTo(entry);
	}

	@Property(tries = 200)
	void initPayloadRoundTrips(@ForAll("initPayloads") InitPayload init) {
		TspPayloads payloads = new TspPayloads();
		assertThat(payloads.parseInit(payloads.formatInit(init))).isEqualTo(init);
	}

	@Property(tries = 200)
	void cataloguePayloadRoundTrips(@ForAll("catalogues") List<CatalogueEntry> catalogue) {
		TspPayloads payloads = new TspPayloads();
		assertThat(payloads.parseCatalogue(payloads.formatCatalogue(catalogue))).isEqualTo(catalogue);
	}

	private void assertRoundTrip(TspFrame frame, int chunk) {
		byte[] wire = this.encoder.encode(frame);
		assertThat(wire).hasSize(frame.type().headerBytes() + frame.payloadLength());
		assertThat(decodeInChunks(wire, chunk)).containsExactly(frame);
	}

	private static List<TspFrame> decodeInChunks(byte[] wire, int chunk) {
		TspDecoder decoder = new TspDecoder();
		List<TspFrame> decoded = new ArrayList<>();
		for (int offset = 0; offset < wire.length; offset += chunk) {
			decoder.decode(ByteBuffer.wrap(wire, offset, Math.min(chunk, wire.length - offset)), decoded::add);
		}
		assertThat(decoder.bufferedBytes()).isZero();
		return decoded;
	}

	@Provide
	Arbitrary<Integer> chunkSizes() {
		return Arbitraries.oneOf(Arbitraries.just(1), Arbitraries.integers().between(1, 10),
				Arbitraries.integers().between(1, 100_000));
	}

	@Provide
	Arbitrary<TspFrame> inits() {
		return TspArbitraries.framesOf(TspType.INIT);
	}

	@Provide
	Arbitrary<TspFrame> lists() {
		return TspArbitraries.framesOf(TspType.LIST);
	}

	@Provide
	Arbitrary<TspFrame> infos() {
		return TspArbitraries.framesOf(TspType.INFO);
	}

	@Provide
	Arbitrary<TspFrame> plays() {
		return TspArbitraries.framesOf(TspType.PLAY);
	}

	@Provide
	Arbitrary<TspFrame> stops() {
		return TspArbitraries.framesOf(TspType.STOP);
	}

	@Provide
	Arbitrary<TspFrame> quits() {
		return TspArbitraries.framesOf(TspType.QUIT);
	}

	@Provide
	Arbitrary<TspFrame> errors() {
		return TspArbitraries.framesOf(TspType.ERROR);
	}

	@Provide
	Arbitrary<TspFrame> broadcastLists() {
		return TspArbitraries.framesOf(TspType.BROADCAST_LIST);
	}

	@Provide
	Arbitrary<List<TspFrame>> frameLists() {
		return TspArbitraries.frames().list().ofMaxSize(30);
	}

	@Provide
	Arbitrary<SongLine> songLines() {
		return TspArbitraries.songLines();
	}

	@Provide
	Arbitrary<String> plainWords() {
		return Arbitraries.strings().withCharRange('a', 'z').withChars(" .'é日").ofMinLength(1).ofMaxLength(20)
			.map(String::strip).filter((word) -> !word.isEmpty());
	}

	@Provide
	Arbitrary<CatalogueEntry> catalogueEntries() {
		return TspArbitraries.catalogueEntries();
	}

	@Provide
	Arbitrary<List<CatalogueEntry>> catalogues() {
		return TspArbitraries.catalogueEntries().list().ofMaxSize(20);
	}

	@Provide
	Arbitrary<InitPayload> initPayloads() {
		return TspArbitraries.initPayloads();
	}

}
