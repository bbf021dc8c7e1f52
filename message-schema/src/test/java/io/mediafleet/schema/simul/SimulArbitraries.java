package io.mediafleet.schema.simul;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of valid simul field values and messages, shared by the property and fuzz tests.
 */
final class SimulArbitraries {

	private SimulArbitraries() {
	}

	/** 1-128 characters without whitespace or control characters. */
	static Arbitrary<String> slaveNames() {
		return Arbitraries.strings()
			.withCharRange('!', '~')
			.withCharRange('\u00c0', '\u024f')
			.ofMinLength(1)
			.ofMaxLength(SimulFields.MAX_SLAVE_NAME_LENGTH);
	}

	/** File names without control characters, up to the length limit, sometimes with an emoji. */
	static Arbitrary<String> filenames() {
		Arbitrary<String> plain = Arbitraries.strings()
			.withCharRange(' ', '~')
			.withCharRange('\u00a0', '\ud7ff')
			.withCharRange('\ue000', '\ufffd')
			.ofMinLength(1)
			.ofMaxLength(SimulFields.MAX_FILENAME_LENGTH - 2);
		return Arbitraries.frequencyOf(Tuple.of(9, plain), Tuple.of(1, plain.map((name) -> name + "\uD83C\uDFAC")))
			.filter((name) -> !name.isBlank());
	}

	/** Well-formed free text, control characters included. */
	static Arbitrary<String> text() {
		return Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\ufffd').ofMaxLength(80);
	}

	/** md5 digests in lowercase, the form the codec keeps. */
	static Arbitrary<String> md5s() {
		return Arbitraries.strings().withChars("0123456789abcdef").ofLength(32);
	}

	/** md5 digests in any mix of cases, as a slave might send them. */
	static Arbitrary<String> anyCaseMd5s() {
		return Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofLength(32);
	}

	static Arbitrary<Long> epochSeconds() {
		return Arbitraries.longs().between(0, Long.MAX_VALUE);
	}

	static Arbitrary<FileStatus> fileStatuses() {
		return Combinators.combine(slaveNames(), filenames(), md5s().injectNull(0.3), epochSeconds())
			.as(FileStatus::new);
	}

	static Arbitrary<SimulStart> simulStarts() {
		return Combinators
			.combine(slaveNames().injectNull(0.5), filenames(), Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.4),
					Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.6))
			.as(SimulStart::new);
	}

	static Arbitrary<AdviseMessage> adviseMessages() {
		return Arbitraries.oneOf(Combinators.combine(slaveNames(),
				Arbitraries.integers().between(0, SlaveReady.MAX_LATENCY_MILLIS).injectNull(0.5)).as(SlaveReady::new), slaveNames().map(SlaveExit::new), fileStatuses(),
				Combinators.combine(slaveNames(), filenames()).as(SimulStarted::new),
				Combinators.combine(slaveNames(), filenames(), text()).as(SimulNotStarted::new),
				Combinators.combine(slaveNames(), filenames()).as(SimulPlayCompleted::new),
				Combinators.combine(slaveNames(), filenames(), positions(), Arbitraries.longs().between(0, Long.MAX_VALUE),
						Arbitraries.of(true, false), Arbitraries.doubles().between(0.01, 100).injectNull(0.3))
					.as(SimulPosition::new));
	}

	static Arbitrary<CommandMessage> commandMessages() {
		return Arbitraries.oneOf(Combinators.combine(slaveNames().injectNull(0.5), filenames(), md5s().injectNull(0.5)).as(SimulFile::new),
				simulStarts(), Combinators.combine(slaveNames().injectNull(0.5), filenames()).as(SimulStop::new),
				transport(SimulPause::new), transport(SimulResume::new), transport(SimulSeek::new));
	}

	static Arbitrary<Long> positions() {
		return Arbitraries.longs().between(0, SimulFields.MAX_POSITION_MILLIS);
	}

	private static <T extends CommandMessage> Arbitrary<CommandMessage> transport(
			Combinators.F4<String, String, Long, Long, T> constructor) {
		return Combinators
			.combine(slaveNames().injectNull(0.5), filenames(),
					Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.4), positions())
			.as((dest, filename, at, position) -> (CommandMessage) constructor.apply(dest, filename, at, position));
	}

	/** {@code mtype} spelled the way the given flag asks: hyphens (seed) or underscores (later revision). */
	static String spell(SimulMessageType type, boolean underscore) {
		return underscore ? type.alias() : type.wireName();
	}

}
