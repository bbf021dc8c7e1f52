package io.mediafleet.schema.burn;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The keyword vocabulary and the message catalogue agree.
 */
class BurnCommandTests {

	@Test
	void everyCommandIsFoundByItsKeywordAndItsAliases() {
		for (BurnCommand command : BurnCommand.values()) {
			assertThat(BurnCommand.ofKeyword(command.keyword())).isEqualTo(command);
			command.aliases().forEach((alias) -> assertThat(BurnCommand.ofKeyword(alias)).isEqualTo(command));
		}
		assertThat(BurnCommand.ofKeyword("WHAT")).isEqualTo(BurnCommand.WHATIS);
		assertThat(BurnCommand.ofKeyword("ASKCAP")).isEqualTo(BurnCommand.ASKCAPAB);
	}

	@Test
	void unknownKeywordIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> BurnCommand.ofKeyword("FROB"))
			.withMessage("unknown command 'FROB'");
	}

	@Test
	void everyPermittedMessageRecordMapsToACommandAndEveryCommandHasARecord() {
		Class<?>[] records = BurnMessage.class.getPermittedSubclasses();
		assertThat(records).allSatisfy((type) -> assertThat(type.isRecord()).as(type.getName()).isTrue());
		Set<BurnCommand> covered = EnumSet.noneOf(BurnCommand.class);
		BurnArbitraries.messages().sampleStream().limit(3000).forEach((message) -> covered.add(message.command()));
		assertThat(covered).containsExactlyInAnyOrder(BurnCommand.values());
		Set<Class<?>> generated = BurnArbitraries.messages().sampleStream().limit(3000).map(Object::getClass)
			.collect(Collectors.toSet());
		assertThat(generated).as("the property tests generate every message record")
			.containsExactlyInAnyOrderElementsOf(Arrays.asList(records));
	}

	@Test
	void wireEnumsRejectUnknownWordsAndLowercase() {
		assertThat(Media.ofWire("DVD")).isEqualTo(Media.DVD);
		assertThatIllegalArgumentException().isThrownBy(() -> Media.ofWire("dvd"))
			.withMessage("unknown media 'dvd', expected one of CDR, DVD");
		assertThatIllegalArgumentException().isThrownBy(() -> BurnerState.ofWire("IDLE"));
		assertThat(Arrays.stream(BurnerState.values()).map(BurnerState::wire)).containsExactly("NEW", "AVAIL",
				"ASKED", "BURN", "CHECKING", "PASS", "FAIL", "OPEN", "EMPTY", "DISCONN");
	}

}
