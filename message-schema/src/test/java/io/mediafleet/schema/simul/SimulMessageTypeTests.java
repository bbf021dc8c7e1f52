package io.mediafleet.schema.simul;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code mtype} vocabulary agrees one-to-one with the sealed families, and both spellings
 * resolve to the same type.
 */
class SimulMessageTypeTests {

	@Test
	void simulMessageIsExactlyTheTwoBuses() {
		assertThat(SimulMessage.class.getPermittedSubclasses()).containsExactlyInAnyOrder(AdviseMessage.class,
				CommandMessage.class);
	}

	@Test
	void adviseTypesAndPermittedSubclassesAgreeOneToOne() {
		assertThat(classesOn(SimulBus.ADVISE)).doesNotHaveDuplicates()
			.containsExactlyInAnyOrder(AdviseMessage.class.getPermittedSubclasses());
	}

	@Test
	void commandTypesAndPermittedSubclassesAgreeOneToOne() {
		assertThat(classesOn(SimulBus.COMMAND)).doesNotHaveDuplicates()
			.containsExactlyInAnyOrder(CommandMessage.class.getPermittedSubclasses());
	}

	@Test
	void namesAndAliasesAreUniqueAcrossTheWholeVocabulary() {
		List<String> all = Arrays.stream(SimulMessageType.values())
			.flatMap((type) -> java.util.stream.Stream.of(type.wireName(), type.alias()))
			.toList();
		assertThat(all).doesNotHaveDuplicates().hasSize(2 * SimulMessageType.values().length);
	}

	@Test
	void vocabularyIsTheSeedsPlusPlayCompletedPlusPositionAndGroupTransport() {
		assertThat(Arrays.stream(SimulMessageType.values()).map(SimulMessageType::wireName)).containsExactly(
				"slave-ready", "slave-exit", "file-status", "simul-started", "simul-notstarted", "simul-playcompleted",
				"simul-position", "simul-file", "simul-start", "simul-stop", "simul-pause", "simul-resume",
				"simul-seek");
	}

	@ParameterizedTest
	@EnumSource(SimulMessageType.class)
	void aliasIsTheHyphenatedNameWithUnderscoresAndBothResolve(SimulMessageType type) {
		assertThat(type.alias()).isEqualTo(type.wireName().replace('-', '_'));
		assertThat(SimulMessageType.fromWire(type.wireName())).isSameAs(type);
		assertThat(SimulMessageType.fromWire(type.alias())).isSameAs(type);
		assertThat(type.bus()).isEqualTo(AdviseMessage.class.isAssignableFrom(type.messageClass()) ? SimulBus.ADVISE
				: SimulBus.COMMAND);
	}

	@Test
	void unknownOrMixedSpellingsAreRejected() {
		assertThat(SimulMessageType.find("slave-Ready")).isEmpty();
		assertThat(SimulMessageType.find("simul_start-")).isEmpty();
		assertThat(SimulMessageType.find("simul-not_started")).isEmpty();
		assertThatExceptionOfType(SimulCodecException.class).isThrownBy(() -> SimulMessageType.fromWire("dance"))
			.withMessage("unknown mtype 'dance'");
	}

	@Test
	void busesUseTheDecidedDefaultPorts() {
		assertThat(SimulBus.ADVISE.defaultPort()).isEqualTo(5556);
		assertThat(SimulBus.COMMAND.defaultPort()).isEqualTo(5557);
	}

	private static List<Class<?>> classesOn(SimulBus bus) {
		return Arrays.stream(SimulMessageType.values())
			.filter((type) -> type.bus() == bus)
			.<Class<?>>map(SimulMessageType::messageClass)
			.toList();
	}

}
