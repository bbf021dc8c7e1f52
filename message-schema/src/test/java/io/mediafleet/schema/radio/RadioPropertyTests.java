package io.mediafleet.schema.radio;

import io.mediafleet.schema.json.JsonLimits;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every radio message type survives encode then decode unchanged, as bytes and as text.
 */
class RadioPropertyTests {

	private final RadioCodec codec = new RadioCodec(JsonLimits.DEFAULTS);

	@Property(tries = 200)
	void registerStreamerRoundTrips(@ForAll("streamerIds") String streamer) {
		assertStreamerRoundTrip(new RegisterStreamer(streamer));
	}

	@Property(tries = 200)
	void unregisterStreamerRoundTrips(@ForAll("streamerIds") String streamer) {
		assertStreamerRoundTrip(new UnregisterStreamer(streamer));
	}

	@Property(tries = 200)
	void pongRoundTrips(@ForAll("streamerIds") String streamer) {
		assertStreamerRoundTrip(new Pong(streamer));
	}

	@Property(tries = 200)
	void userAuthenticationRequestRoundTrips(@ForAll("userAuthenticationRequests") UserAuthenticationRequest request) {
		assertStreamerRoundTrip(request);
	}

	@Property(tries = 200)
	void playRadioRoundTrips(@ForAll("streamerIds") String streamer, @ForAll("ids") String radio) {
		assertStreamerRoundTrip(new PlayRadio(streamer, radio));
	}

	@Property(tries = 200)
	void stopRadioRoundTrips(@ForAll("streamerIds") String streamer, @ForAll("ids") String radio) {
		assertStreamerRoundTrip(new StopRadio(streamer, radio));
	}

	@Property(tries = 200)
	void registerListenerRoundTrips(@ForAll("ids") String radio, @ForAll("ids") String session,
			@ForAll("optionalUserIds") String userId) {
		assertStreamerRoundTrip(new RegisterListener(radio, session, userId));
	}

	@Property(tries = 200)
	void unregisterListenerRoundTrips(@ForAll("ids") String session) {
		assertStreamerRoundTrip(new UnregisterListener(session));
	}

	@Property(tries = 200)
	void streamerTestRoundTrips(@ForAll("streamerIds") String streamer, @ForAll("text") String info) {
		assertStreamerRoundTrip(new StreamerTest(streamer, info));
	}

	@Property(tries = 10)
	void pingRoundTrips() {
		assertSchedulerRoundTrip(Ping.INSTANCE);
	}

	@Property(tries = 200)
	void schedulerTestRoundTrips(@ForAll("text") String info) {
		assertSchedulerRoundTrip(new SchedulerTest(info));
	}

	@Property(tries = 200)
	void radioStartedRoundTrips(@ForAll("ids") String radio) {
		assertSchedulerRoundTrip(new RadioStarted(radio));
	}

	@Property(tries = 200)
	void radioExistsRoundTrips(@ForAll("ids") String radio, @ForAll("streamerIds") String master,
			@ForAll("optionalHttpUrls") String masterUrl) {
		assertSchedulerRoundTrip(new RadioExists(radio, master, masterUrl));
	}

	@Property(tries = 200)
	void radioUnknownRoundTrips(@ForAll("ids") String radio) {
		assertSchedulerRoundTrip(new RadioUnknown(radio));
	}

	@Property(tries = 200)
	void radioStoppedRoundTrips(@ForAll("ids") String radio) {
		assertSchedulerRoundTrip(new RadioStopped(radio));
	}

	@Property(tries = 200)
	void playRoundTrips(@ForAll("plays") Play play) {
		assertSchedulerRoundTrip(play);
	}

	@Property(tries = 200)
	void userAuthenticationResultRoundTrips(@ForAll("optionalUserIds") String userId, @ForAll boolean hd,
			@ForAll("userAuthenticationRequests") UserAuthenticationRequest request) {
		assertSchedulerRoundTrip(
				new UserAuthenticationResult(userId, hd, request.authToken(), request.username(), request.apiKey()));
	}

	private void assertStreamerRoundTrip(StreamerMessage message) {
		assertThat(this.codec.decodeStreamerMessage(this.codec.encodeToBytes(message))).isEqualTo(message);
		assertThat(this.codec.decodeStreamerMessage(this.codec.encode(message))).isEqualTo(message);
	}

	private void assertSchedulerRoundTrip(SchedulerMessage message) {
		assertThat(this.codec.decodeSchedulerMessage(this.codec.encodeToBytes(message))).isEqualTo(message);
		assertThat(this.codec.decodeSchedulerMessage(this.codec.encode(message))).isEqualTo(message);
	}

	@Provide
	Arbitrary<String> streamerIds() {
		return RadioArbitraries.streamerIds();
	}

	@Provide
	Arbitrary<String> ids() {
		return RadioArbitraries.ids();
	}

	@Provide
	Arbitrary<String> text() {
		return RadioArbitraries.text();
	}

	@Provide
	Arbitrary<String> optionalUserIds() {
		return RadioArbitraries.userIds().injectNull(0.3);
	}

	@Provide
	Arbitrary<String> optionalHttpUrls() {
		return RadioArbitraries.httpUrls().injectNull(0.3);
	}

	@Provide
	Arbitrary<UserAuthenticationRequest> userAuthenticationRequests() {
		return RadioArbitraries.userAuthenticationRequests();
	}

	@Provide
	Arbitrary<Play> plays() {
		return Combinators
			.combine(RadioArbitraries.ids(), RadioArbitraries.filenames(), RadioArbitraries.seconds(),
					RadioArbitraries.seconds(), RadioArbitraries.seconds())
			.as(Play::new);
	}

}
