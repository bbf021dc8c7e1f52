package io.mediafleet.schema.burn;

import java.time.Duration;

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
import net.jqwik.api.Combinators;

/**
 * Generators of valid burn messages for the property tests, one per message record, with free
 * text rich in the cases the escaping must survive: empty lines, lines of spaces, TABs, CR and
 * LF in every combination, non-ASCII text.
 */
final class BurnArbitraries {

	private BurnArbitraries() {
	}

	static Arbitrary<String> hashes() {
		return Arbitraries.strings().withChars("0123456789abcdef").ofLength(32);
	}

	static Arbitrary<String> tokens() {
		return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(64);
	}

	static Arbitrary<String> freeText() {
		Arbitrary<String> pieces = Arbitraries.of("", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r", "\r\n \r\n",
				"INFO", "ERROR\t", "Ünïcødé", "🎵 日本", "\u0001", "a b");
		Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20);
		return Arbitraries.oneOf(pieces, ascii).list().ofMaxSize(12).map((list) -> String.join("", list));
	}

	static Arbitrary<String> inlineText() {
		Arbitrary<String> pieces = Arbitraries.of(" ", "é", "日本", "🎵", ".iso", "-");
		Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(20);
		return Arbitraries.oneOf(pieces, ascii).list().ofMinSize(1).ofMaxSize(5).map((list) -> String.join("", list));
	}

	static Arbitrary<Ident> idents() {
		return tokens().map(Ident::new);
	}

	static Arbitrary<Id> ids() {
		return Combinators.combine(tokens(), Arbitraries.of(ClientType.class), hashes()).as(Id::new);
	}

	static Arbitrary<Capab> capabs() {
		return Arbitraries.just(new Capab());
	}

	static Arbitrary<Cap> caps() {
		return Arbitraries.oneOf(Combinators.combine(Arbitraries.of(BurnerType.class), hashes().list().ofMaxSize(20)).as(Cap::new), Arbitraries.just(Cap.none()));
	}

	static Arbitrary<WhatIs> whatIses() {
		return hashes().map(WhatIs::new);
	}

	static Arbitrary<Info> infos() {
		return Combinators.combine(hashes(), inlineText(), freeText()).as(Info::new);
	}

	static Arbitrary<InfoUnknown> infoUnknowns() {
		return hashes().injectNull(0.5).map(InfoUnknown::new);
	}

	static Arbitrary<IdleStatus> idleStatuses() {
		return Combinators.combine(Arbitraries.of(Media.class), Arbitraries.of(DriveState.class)).as(IdleStatus::new);
	}

	static Arbitrary<ProgressStatus> progressStatuses() {
		return Combinators.combine(hashes(), Arbitraries.integers().between(0, 100)).as(ProgressStatus::new);
	}

	static Arbitrary<CompletedStatus> completedStatuses() {
		return Combinators.combine(hashes(), Arbitraries.longs().between(0, 10_000_000_000L).map(Duration::ofMillis))
			.as(CompletedStatus::new);
	}

	static Arbitrary<VerifiedStatus> verifiedStatuses() {
		return Combinators.combine(hashes(), Arbitraries.of(Verdict.class)).as(VerifiedStatus::new);
	}

	static Arbitrary<Burn> burns() {
		return hashes().map(Burn::new);
	}

	static Arbitrary<Open> opens() {
		return Arbitraries.just(new Open());
	}

	static Arbitrary<ErrorReply> errorReplies() {
		return Combinators.combine(tokens(), freeText()).as(ErrorReply::new);
	}

	static Arbitrary<Queue> queues() {
		return Combinators.combine(hashes(), Arbitraries.integers()).as(Queue::new);
	}

	static Arbitrary<QueueOk> queueOks() {
		return Arbitraries.just(new QueueOk());
	}

	static Arbitrary<QueueNo> queueNos() {
		return Arbitraries.just(new QueueNo());
	}

	static Arbitrary<QueueReport> queueReports() {
		return Arbitraries.just(new QueueReport());
	}

	static Arbitrary<QueueList> queueLists() {
		Arbitrary<QueueEntry> entries = Combinators.combine(tokens(), hashes(), Arbitraries.integers())
			.as(QueueEntry::new);
		return entries.list().ofMaxSize(30).map(QueueList::new);
	}

	static Arbitrary<StatusReport> statusReports() {
		return Arbitraries.just(new StatusReport());
	}

	static Arbitrary<StatusList> statusLists() {
		Arbitrary<BurnerStatus> burners = Combinators
			.combine(hashes(), hashes().injectNull(0.3), Arbitraries.of(BurnerState.class))
			.as(BurnerStatus::new);
		return burners.list().ofMaxSize(30).map(StatusList::new);
	}

	static Arbitrary<AskCapab> askCapabs() {
		return Arbitraries.just(new AskCapab());
	}

	static Arbitrary<Name> names() {
		return Combinators.combine(hashes(), freeText()).as(Name::new);
	}

	static Arbitrary<QueueClear> queueClears() {
		return Arbitraries.just(new QueueClear());
	}

	static Arbitrary<Auth> auths() {
		return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(600).map(Auth::new);
	}

	static Arbitrary<BurnMessage> messages() {
		return Arbitraries.oneOf(idents(), ids(), capabs(), caps(), whatIses(), infos(), infoUnknowns(),
				idleStatuses(), progressStatuses(), completedStatuses(), verifiedStatuses(), burns(), opens(),
				errorReplies(), queues(), queueOks(), queueNos(), queueReports(), queueLists(), statusReports(),
				statusLists(), askCapabs(), names(), queueClears(), auths());
	}

}
