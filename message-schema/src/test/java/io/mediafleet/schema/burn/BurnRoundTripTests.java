package io.mediafleet.schema.burn;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.mediafleet.schema.burn.BurnMessage.AskCapab;
import io.mediafleet.schema.burn.BurnMessage.Auth;
import io.mediafleet.schema.burn.BurnMessage.Burn;
import io.mediafleet.schema.burn.BurnMessage.Cap;
import io.mediafleet.schema.burn.BurnMessage.Capab;
import io.mediafleet.schema.burn.BurnMessage.CompletedStatus;
import io.mediafleet.schema.burn.BurnMessage.ErrorReply;
import io.mediafleet.schema.burn.BurnMessage.Id;
import io.mediafleet.schema.burn.BurnMessage.Ident;
import io.mediafleet.schema.burn.BurnMessage.IdleStatus;
import io.mediafleet.schema.burn.BurnMessage.Info;
import io.mediafleet.schema.burn.BurnMessage.InfoUnknown;
import io.mediafleet.schema.burn.BurnMessage.Name;
import io.mediafleet.schema.burn.BurnMessage.Open;
import io.mediafleet.schema.burn.BurnMessage.ProgressStatus;
import io.mediafleet.schema.burn.BurnMessage.Queue;
import io.mediafleet.schema.burn.BurnMessage.QueueClear;
import io.mediafleet.schema.burn.BurnMessage.QueueList;
import io.mediafleet.schema.burn.BurnMessage.QueueNo;
import io.mediafleet.schema.burn.BurnMessage.QueueOk;
import io.mediafleet.schema.burn.BurnMessage.QueueReport;
import io.mediafleet.schema.burn.BurnMessage.StatusList;
import io.mediafleet.schema.burn.BurnMessage.StatusReport;
import io.mediafleet.schema.burn.BurnMessage.VerifiedStatus;
import io.mediafleet.schema.burn.BurnMessage.WhatIs;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message type survives encode then decode unchanged, whatever the fragment sizes the
 * bytes arrive in.
 */
class BurnRoundTripTests {

	private final BurnEncoder encoder = new BurnEncoder();

	@Property(tries = 100)
	void identRoundTrips(@ForAll("idents") Ident message, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 100)
	void idRoundTrips(@ForAll("ids") Id message, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 10)
	void capabRoundTrips(@ForAll("capabs") Capab message, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 100)
	void capRoundTrips(@ForAll("caps") Cap message, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 100)
	void whatIsRoundTrips(@ForAll("whatIses") WhatIs message, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 300)
	void infoRoundTripsWithAnyFreeText(@ForAll("infos") Info message, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 100)
	void infoUnknownRoundTrips(@ForAll("infoUnknowns") InfoUnknown message, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 50)
	void idleStatusRoundTrips(@ForAll("idleStatuses") IdleStatus message, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 100)
	void progressStatusRoundTrips(@ForAll("progressStatuses") ProgressStatus message,
			@ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 100)
	void completedStatusRoundTrips(@ForAll("completedStatuses") CompletedStatus message,
			@ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 50)
	void verifiedStatusRoundTrips(@ForAll("verifiedStatuses") VerifiedStatus message,
			@ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 100)
	void burnRoundTrips(@ForAll("burns") Burn message, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 10)
	void openRoundTrips(@ForAll("opens") Open message, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 300)
	void errorReplyRoundTripsWithAnyFreeText(@ForAll("errorReplies") ErrorReply message,
			@ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 100)
	void queueRoundTrips(@ForAll("queues") Queue message, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 10)
	void queueOkRoundTrips(@ForAll("queueOks") QueueOk message, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 10)
	void queueNoRoundTrips(@ForAll("queueNos") QueueNo message, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 10)
	void queueReportRoundTrips(@ForAll("queueReports") QueueReport message, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 100)
	void queueListRoundTrips(@ForAll("queueLists") QueueList message, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 10)
	void statusReportRoundTrips(@ForAll("statusReports") StatusReport message, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 100)
	void statusListRoundTrips(@ForAll("statusLists") StatusList message, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 10)
	void askCapabRoundTrips(@ForAll("askCapabs") AskCapab message, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 300)
	void nameRoundTripsWithAnyFreeText(@ForAll("names") Name message, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 10)
	void queueClearRoundTrips(@ForAll("queueClears") QueueClear message, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 100)
	void authRoundTripsWithAnyPrintableToken(@ForAll("auths") Auth message, @ForAll("chunkSizes") int chunk) {
		assertRoundTrip(message, chunk);
	}

	@Property(tries = 200)
	void manyMessagesInOneStreamDecodeInOrder(@ForAll("messageLists") List<BurnMessage> messages,
			@ForAll("chunkSizes") int chunk) {
		ByteBuffer stream = ByteBuffer.allocate(messages.stream().mapToInt((m) -> this.encoder.encode(m).length).sum());
		messages.forEach((message) -> stream.put(this.encoder.encode(message)));
		assertThat(decodeInChunks(stream.array(), chunk)).containsExactlyElementsOf(messages);
	}

	@Property(tries = 300)
	void encodedMessageContainsNoEmptyLineBeforeItsTerminator(@ForAll("messages") BurnMessage message) {
		String wire = this.encoder.encodeToString(message);
		assertThat(wire).endsWith("\r\n\r\n");
		String body = wire.substring(0, wire.length() - 4);
		assertThat(body).doesNotContain("\r\n\r\n").doesNotStartWith("\r\n").doesNotEndWith("\r\n");
		assertThat(body.replace("\r\n", "")).doesNotContain("\r", "\n");
	}

	private void assertRoundTrip(BurnMessage message, int chunk) {
		byte[] wire = this.encoder.encode(message);
		assertThat(decodeInChunks(wire, chunk)).containsExactly(message);
		assertThat(new String(wire, StandardCharsets.UTF_8)).startsWith(message.command().keyword());
	}

	private static List<BurnMessage> decodeInChunks(byte[] wire, int chunk) {
		BurnDecoder decoder = new BurnDecoder();
		List<BurnMessage> decoded = new ArrayList<>();
		for (int offset = 0; offset < wire.length; offset += chunk) {
			decoder.decode(ByteBuffer.wrap(wire, offset, Math.min(chunk, wire.length - offset)), decoded::add);
		}
		assertThat(decoder.bufferedBytes()).isZero();
		return decoded;
	}

	@Provide
	Arbitrary<Integer> chunkSizes() {
		return Arbitraries.oneOf(Arbitraries.just(1), Arbitraries.integers().between(1, 7),
				Arbitraries.integers().between(1, 100_000));
	}

	@Provide
	Arbitrary<List<BurnMessage>> messageLists() {
		return BurnArbitraries.messages().list().ofMaxSize(20);
	}

	@Provide
	Arbitrary<BurnMessage> messages() {
		return BurnArbitraries.messages();
	}

	@Provide
	Arbitrary<Ident> idents() {
		return BurnArbitraries.idents();
	}

	@Provide
	Arbitrary<Id> ids() {
		return BurnArbitraries.ids();
	}

	@Provide
	Arbitrary<Capab> capabs() {
		return BurnArbitraries.capabs();
	}

	@Provide
	Arbitrary<Cap> caps() {
		return BurnArbitraries.caps();
	}

	@Provide
	Arbitrary<WhatIs> whatIses() {
		return BurnArbitraries.whatIses();
	}

	@Provide
	Arbitrary<Info> infos() {
		return BurnArbitraries.infos();
	}

	@Provide
	Arbitrary<InfoUnknown> infoUnknowns() {
		return BurnArbitraries.infoUnknowns();
	}

	@Provide
	Arbitrary<IdleStatus> idleStatuses() {
		return BurnArbitraries.idleStatuses();
	}

	@Provide
	Arbitrary<ProgressStatus> progressStatuses() {
		return BurnArbitraries.progressStatuses();
	}

	@Provide
	Arbitrary<CompletedStatus> completedStatuses() {
		return BurnArbitraries.completedStatuses();
	}

	@Provide
	Arbitrary<VerifiedStatus> verifiedStatuses() {
		return BurnArbitraries.verifiedStatuses();
	}

	@Provide
	Arbitrary<Burn> burns() {
		return BurnArbitraries.burns();
	}

	@Provide
	Arbitrary<Open> opens() {
		return BurnArbitraries.opens();
	}

	@Provide
	Arbitrary<ErrorReply> errorReplies() {
		return BurnArbitraries.errorReplies();
	}

	@Provide
	Arbitrary<Queue> queues() {
		return BurnArbitraries.queues();
	}

	@Provide
	Arbitrary<QueueOk> queueOks() {
		return BurnArbitraries.queueOks();
	}

	@Provide
	Arbitrary<QueueNo> queueNos() {
		return BurnArbitraries.queueNos();
	}

	@Provide
	Arbitrary<QueueReport> queueReports() {
		return BurnArbitraries.queueReports();
	}

	@Provide
	Arbitrary<QueueList> queueLists() {
		return BurnArbitraries.queueLists();
	}

	@Provide
	Arbitrary<StatusReport> statusReports() {
		return BurnArbitraries.statusReports();
	}

	@Provide
	Arbitrary<StatusList> statusLists() {
		return BurnArbitraries.statusLists();
	}

	@Provide
	Arbitrary<AskCapab> askCapabs() {
		return BurnArbitraries.askCapabs();
	}

	@Provide
	Arbitrary<Name> names() {
		return BurnArbitraries.names();
	}

	@Provide
	Arbitrary<QueueClear> queueClears() {
		return BurnArbitraries.queueClears();
	}

	@Provide
	Arbitrary<Auth> auths() {
		return BurnArbitraries.auths();
	}

}
