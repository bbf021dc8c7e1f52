package io.mediafleet.schema.radio;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.mediafleet.schema.json.JsonLimits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The type names registered with Jackson agree one-to-one with the permitted subclasses of each
 * sealed family, and with each record's {@code TYPE} constant.
 */
class RadioCatalogueTests {

	@Test
	void radioMessageIsExactlyTheTwoDirections() {
		assertThat(RadioMessage.class.getPermittedSubclasses()).containsExactlyInAnyOrder(StreamerMessage.class,
				SchedulerMessage.class);
	}

	@Test
	void streamerTypeNamesAndPermittedSubclassesAgreeOneToOne() {
		assertFamilyAgrees(StreamerMessage.class);
	}

	@Test
	void schedulerTypeNamesAndPermittedSubclassesAgreeOneToOne() {
		assertFamilyAgrees(SchedulerMessage.class);
	}

	@Test
	void onlyTestAndUserAuthenticationAreSharedBetweenDirections() {
		assertThat(RadioCatalogue.STREAMER_TYPES.keySet()).filteredOn(RadioCatalogue.SCHEDULER_TYPES::containsKey)
			.containsExactlyInAnyOrder("test", "user_authentication");
	}

	@Test
	void catalogueMatchesTheProtocolsTypeNames() {
		assertThat(RadioCatalogue.STREAMER_TYPES.keySet()).containsExactlyInAnyOrder("register_streamer",
				"unregister_streamer", "pong", "user_authentication", "play_radio", "stop_radio", "register_listener",
				"unregister_listener", "test");
		assertThat(RadioCatalogue.SCHEDULER_TYPES.keySet()).containsExactlyInAnyOrder("ping", "test",
				"radio_started", "radio_exists", "radio_unknown", "radio_stopped", "play", "user_authentication");
	}

	@Test
	void typeNameIsTheRegisteredName() {
		assertThat(RadioCodec.typeName(new PlayRadio("s", "r"))).isEqualTo("play_radio");
		assertThat(RadioCodec.typeName(new StreamerTest("s", ""))).isEqualTo("test");
		assertThat(RadioCodec.typeName(new SchedulerTest(""))).isEqualTo("test");
		assertThat(RadioCodec.typeName(Ping.INSTANCE)).isEqualTo("ping");
	}

	@Test
	void everyTypeIsWrittenWithItsRegisteredName() {
		RadioCodec codec = new RadioCodec(JsonLimits.DEFAULTS);
		RadioGoldenTests.STREAMER_FILES.values()
			.forEach((message) -> assertThat(codec.encode(message))
				.startsWith("{\"type\":\"" + RadioCodec.typeName(message) + "\""));
		RadioGoldenTests.SCHEDULER_FILES.values()
			.forEach((message) -> assertThat(codec.encode(message))
				.startsWith("{\"type\":\"" + RadioCodec.typeName(message) + "\""));
	}

	@Test
	void aFamilyWithADuplicateNameIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> RadioCatalogue.typesOf(Duplicated.class))
			.withMessageContaining("Duplicate type name 'pong'");
	}

	private static void assertFamilyAgrees(Class<?> family) {
		JsonSubTypes.Type[] registered = family.getAnnotation(JsonSubTypes.class).value();
		List<Class<?>> registeredClasses = Arrays.stream(registered).map(JsonSubTypes.Type::value)
			.<Class<?>>map((type) -> type)
			.toList();
		List<String> names = Arrays.stream(registered).map(JsonSubTypes.Type::name).toList();
		assertThat(names).doesNotHaveDuplicates().allSatisfy((name) -> assertThat(name).isNotBlank());
		assertThat(registeredClasses).doesNotHaveDuplicates()
			.containsExactlyInAnyOrder(family.getPermittedSubclasses());
		for (JsonSubTypes.Type type : registered) {
			assertThat(type.names()).as("aliases of %s", type.name()).isEmpty();
			assertThat(typeConstant(type.value())).as("TYPE of %s", type.value().getSimpleName())
				.isEqualTo(type.name());
		}
		Map<String, Class<?>> catalogue = family.equals(StreamerMessage.class) ? RadioCatalogue.STREAMER_TYPES
				: RadioCatalogue.SCHEDULER_TYPES;
		assertThat(catalogue.keySet()).containsExactlyElementsOf(names);
	}

	private static Object typeConstant(Class<?> type) {
		try {
			return type.getField("TYPE").get(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new AssertionError(type + " has no public TYPE constant", ex);
		}
	}

	/** A family that registers one name twice, which the catalogue must refuse. */
	@JsonSubTypes({ @JsonSubTypes.Type(value = Pong.class, name = "pong"),
			@JsonSubTypes.Type(value = RegisterStreamer.class, name = "pong") })
	private interface Duplicated {

	}

}
