package io.mediafleet.schema.link;

import java.time.Duration;

import io.mediafleet.schema.link.TestMessages.BurnStatusEvent;
import io.mediafleet.schema.link.TestMessages.QueueAdd;
import io.mediafleet.schema.link.TestMessages.QueueAddResult;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message type survives encode then decode unchanged, in the phase and direction it is
 * registered for.
 */
class LinkPropertyTests {

	private final LinkCodec codec = new LinkCodec(TestMessages.catalogue());

	@Property(tries = 200)
	void helloRoundTrips(@ForAll("seqs") long seq, @ForAll("texts") String version) {
		assertHandshakeRoundTrip(new LinkMessage(seq, "hello", new Hello(version)), Endpoint.SLAVE);
	}

	@Property(tries = 200)
	void registerSlaveRoundTrips(@ForAll("seqs") long seq, @ForAll("registerSlaves") RegisterSlave data) {
		assertHandshakeRoundTrip(new LinkMessage(seq, "register_slave", data), Endpoint.MASTER);
	}

	@Property(tries = 200)
	void registerControlRoundTrips(@ForAll("seqs") long seq, @ForAll("registerControls") RegisterControl data) {
		assertHandshakeRoundTrip(new LinkMessage(seq, "register_control", data), Endpoint.MASTER);
	}

	@Property(tries = 200)
	void readyRoundTrips(@ForAll("seqs") long seq, @ForAll("readies") Ready data) {
		assertHandshakeRoundTrip(new LinkMessage(seq, "ready", data), Endpoint.CONTROL);
	}

	@Property(tries = 200)
	void resumeRoundTrips(@ForAll("seqs") long seq, @ForAll("texts") String token, @ForAll("acknowledged") long lastSeq) {
		assertHandshakeRoundTrip(new LinkMessage(seq, "resume", Resume.of(token, lastSeq)), Endpoint.MASTER);
	}

	@Property(tries = 200)
	void continueRoundTrips(@ForAll("seqs") long seq, @ForAll("continues") Continue data) {
		assertHandshakeRoundTrip(new LinkMessage(seq, "continue", data), Endpoint.SLAVE);
	}

	@Property(tries = 50)
	void invalidateRoundTrips(@ForAll("seqs") long seq) {
		assertHandshakeRoundTrip(new LinkMessage(seq, "invalidate", new Invalidate()), Endpoint.CONTROL);
	}

	@Property(tries = 200)
	void heartbeatRoundTrips(@ForAll("seqs") long seq, @ForAll("acknowledged") long lastSeq,
			@ForAll Direction direction) {
		assertSessionRoundTrip(new LinkMessage(seq, "heartbeat", Heartbeat.of(lastSeq)), direction);
	}

	@Property(tries = 200)
	void closeRoundTrips(@ForAll("seqs") long seq, @ForAll("anyTexts") String reason, @ForAll Direction direction) {
		LinkMessage message = new LinkMessage(seq, "close", Close.of(reason));
		assertSessionRoundTrip(message, direction);
		assertHandshakeRoundTrip(message, direction.to());
	}

	@Property(tries = 200)
	void eventRoundTrips(@ForAll("seqs") long seq, @ForAll("texts") String hash, @ForAll("texts") String status,
			@ForAll int percent) {
		assertSessionRoundTrip(new LinkMessage(seq, "burn_status_event", new BurnStatusEvent(hash, status, percent)),
				Direction.SLAVE_TO_MASTER);
	}

	@Property(tries = 200)
	void requestRoundTrips(@ForAll("seqs") long seq, @ForAll("texts") String hash, @ForAll int priority) {
		assertSessionRoundTrip(new LinkMessage(seq, "queue_add_request", new QueueAdd(hash, priority)),
				Direction.CONTROL_TO_MASTER);
	}

	@Property(tries = 200)
	void responseRoundTrips(@ForAll("seqs") long seq, @ForAll("seqs") long requestSeq, @ForAll long jobId) {
		assertSessionRoundTrip(
				new LinkMessage(seq, "queue_add_response", Response.of(requestSeq, new QueueAddResult(jobId))),
				Direction.MASTER_TO_CONTROL);
	}

	@Property(tries = 200)
	void errorResponseRoundTrips(@ForAll("seqs") long seq, @ForAll("seqs") long requestSeq,
			@ForAll("anyTexts") String error) {
		assertSessionRoundTrip(new LinkMessage(seq, "queue_add_response", ErrorResponse.of(requestSeq, error)),
				Direction.SLAVE_TO_MASTER);
	}

	private void assertHandshakeRoundTrip(LinkMessage message, Endpoint receiver) {
		String encoded = this.codec.encode(message);
		assertThat(this.codec.decodeHandshake(encoded, receiver)).isEqualTo(message);
		assertThat(this.codec.encode(this.codec.decodeHandshake(encoded, receiver))).isEqualTo(encoded);
	}

	private void assertSessionRoundTrip(LinkMessage message, Direction direction) {
		String encoded = this.codec.encode(message);
		assertThat(this.codec.decode(encoded, direction.to(), direction.from())).isEqualTo(message);
		assertThat(this.codec.encode(this.codec.decode(encoded, direction.to(), direction.from()))).isEqualTo(encoded);
	}

	@Provide
	Arbitrary<Long> seqs() {
		return Arbitraries.oneOf(Arbitraries.longs().between(1, 1000), Arbitraries.longs().between(1, Long.MAX_VALUE));
	}

	@Provide
	Arbitrary<Long> acknowledged() {
		return Arbitraries.oneOf(Arbitraries.longs().between(0, 1000), Arbitraries.longs().between(0, Long.MAX_VALUE));
	}

	/** Any string without unpaired surrogates: control characters, quotes, backslashes, emoji. */
	@Provide
	Arbitrary<String> anyTexts() {
		Arbitrary<String> bmp = Arbitraries.strings()
			.withCharRange('\u0000', '\u007f')
			.withCharRange('\u0080', '\ud7ff')
			.withCharRange('\ue000', '\uffff')
			.ofMaxLength(40);
		Arbitrary<String> emoji = Arbitraries.of("\uD83D\uDE00", "\uD834\uDD1E", "\uDBFF\uDFFF");
		return Arbitraries.oneOf(bmp, Combinators.combine(bmp, emoji, bmp).as((a, b, c) -> a + b + c));
	}

	@Provide
	Arbitrary<String> texts() {
		return anyTexts().filter((text) -> !text.isBlank());
	}

	@Provide
	Arbitrary<Duration> timings() {
		return Arbitraries.oneOf(Arbitraries.longs().between(1, 86_400).map(Duration::ofSeconds),
				Arbitraries.longs().between(1, 86_400_000).map(Duration::ofMillis));
	}

	@Provide
	Arbitrary<RegisterSlave> registerSlaves() {
		return Combinators
			.combine(texts().injectNull(0.3), texts(), texts(), texts(), Arbitraries.longs())
			.as(RegisterSlave::new);
	}

	@Provide
	Arbitrary<RegisterControl> registerControls() {
		return Combinators.combine(texts().injectNull(0.3), texts(), texts()).as(RegisterControl::new);
	}

	@Provide
	Arbitrary<Ready> readies() {
		Arbitrary<Ready> session = Combinators
			.combine(texts(), timings().injectNull(0.2), timings().injectNull(0.2))
			.as(Ready::new);
		return Arbitraries.oneOf(Arbitraries.just(Ready.withoutSession()), session);
	}

	@Provide
	Arbitrary<Continue> continues() {
		return Combinators.combine(acknowledged(), timings().injectNull(0.5), timings().injectNull(0.5))
			.as(Continue::new);
	}

}
