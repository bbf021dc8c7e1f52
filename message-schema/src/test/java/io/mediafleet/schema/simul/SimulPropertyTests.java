package io.mediafleet.schema.simul;

import java.nio.charset.StandardCharsets;

import io.mediafleet.schema.json.JsonLimits;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every simul message type survives encode then decode unchanged, and decodes the same from the
 * underscore spelling.
 */
class SimulPropertyTests {

	private final SimulCodec codec = new SimulCodec(JsonLimits.DEFAULTS);

	@Property(tries = 200)
	void slaveReadyRoundTrips(@ForAll("slaveNames") String src, @ForAll boolean underscore) {
		assertAdviseRoundTrip(new SlaveReady(src), underscore);
	}

	@Property(tries = 200)
	void slaveExitRoundTrips(@ForAll("slaveNames") String src, @ForAll boolean underscore) {
		assertAdviseRoundTrip(new SlaveExit(src), underscore);
	}

	@Property(tries = 200)
	void fileStatusRoundTrips(@ForAll("fileStatuses") FileStatus status, @ForAll boolean underscore) {
		assertAdviseRoundTrip(status, underscore);
	}

	@Property(tries = 200)
	void fileStatusMd5IsNormalisedToLowercase(@ForAll("slaveNames") String src, @ForAll("anyCaseMd5s") String md5) {
		FileStatus status = new FileStatus(src, "a.mkv", md5, 1);
		assertThat(status.md5()).isEqualTo(md5.toLowerCase(java.util.Locale.ROOT));
		assertAdviseRoundTrip(status, false);
	}

	@Property(tries = 200)
	void simulStartedRoundTrips(@ForAll("slaveNames") String src, @ForAll("filenames") String filename,
			@ForAll boolean underscore) {
		assertAdviseRoundTrip(new SimulStarted(src, filename), underscore);
	}

	@Property(tries = 200)
	void simulNotStartedRoundTrips(@ForAll("slaveNames") String src, @ForAll("filenames") String filename,
			@ForAll("text") String reason, @ForAll boolean underscore) {
		assertAdviseRoundTrip(new SimulNotStarted(src, filename, reason), underscore);
	}

	@Property(tries = 200)
	void simulPlayCompletedRoundTrips(@ForAll("slaveNames") String src, @ForAll("filenames") String filename,
			@ForAll boolean underscore) {
		assertAdviseRoundTrip(new SimulPlayCompleted(src, filename), underscore);
	}

	@Property(tries = 200)
	void simulFileRoundTrips(@ForAll("optionalSlaveNames") String dest, @ForAll("filenames") String filename,
			@ForAll boolean underscore) {
		assertCommandRoundTrip(new SimulFile(dest, filename), underscore);
	}

	@Property(tries = 200)
	void simulStartRoundTrips(@ForAll("simulStarts") SimulStart start, @ForAll boolean underscore) {
		assertCommandRoundTrip(start, underscore);
	}

	@Property(tries = 200)
	void simulStopRoundTrips(@ForAll("optionalSlaveNames") String dest, @ForAll("filenames") String filename,
			@ForAll boolean underscore) {
		assertCommandRoundTrip(new SimulStop(dest, filename), underscore);
	}

	private void assertAdviseRoundTrip(AdviseMessage message, boolean underscore) {
		byte[] frame = this.codec.encode(message);
		assertThat(this.codec.decodeAdvise(frame)).isEqualTo(message);
		assertThat(this.codec.decodeAdvise(respell(frame, message, underscore))).isEqualTo(message);
	}

	private void assertCommandRoundTrip(CommandMessage message, boolean underscore) {
		byte[] frame = this.codec.encode(message);
		assertThat(this.codec.decodeCommand(frame)).isEqualTo(message);
		assertThat(this.codec.decodeCommand(respell(frame, message, underscore))).isEqualTo(message);
	}

	/** The frame with its mtype written the way {@code underscore} asks; the encoder itself never does. */
	private static byte[] respell(byte[] frame, SimulMessage message, boolean underscore) {
		String json = new String(frame, StandardCharsets.UTF_8);
		String hyphenated = "{\"mtype\":\"" + message.messageType().wireName() + "\"";
		assertThat(json).startsWith(hyphenated);
		return ("{\"mtype\":\"" + SimulArbitraries.spell(message.messageType(), underscore) + "\""
				+ json.substring(hyphenated.length())).getBytes(StandardCharsets.UTF_8);
	}

	@Provide
	Arbitrary<String> slaveNames() {
		return SimulArbitraries.slaveNames();
	}

	@Provide
	Arbitrary<String> optionalSlaveNames() {
		return SimulArbitraries.slaveNames().injectNull(0.5);
	}

	@Provide
	Arbitrary<String> filenames() {
		return SimulArbitraries.filenames();
	}

	@Provide
	Arbitrary<String> text() {
		return SimulArbitraries.text();
	}

	@Provide
	Arbitrary<String> anyCaseMd5s() {
		return SimulArbitraries.anyCaseMd5s();
	}

	@Provide
	Arbitrary<FileStatus> fileStatuses() {
		return SimulArbitraries.fileStatuses();
	}

	@Provide
	Arbitrary<SimulStart> simulStarts() {
		return SimulArbitraries.simulStarts();
	}

}
