package io.mediafleet.testsupport;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TestServerChoiceTests {

	private static final DockerProbe MUST_NOT_ASK = () -> {
		throw new AssertionError("Docker must not be asked when the environment decides");
	};

	@Test
	void environmentVariableWinsWithoutAskingDocker() {
		TestServerChoice choice = TestServerChoice.resolve(Map.of("REDIS_URL", " redis://cache:6380 "), "REDIS_URL",
				MUST_NOT_ASK);
		assertThat(choice).isEqualTo(new TestServerChoice(TestServerSource.ENVIRONMENT, "redis://cache:6380"));
	}

	@Test
	void blankEnvironmentVariableIsIgnored() {
		TestServerChoice choice = TestServerChoice.resolve(Map.of("MONGODB_URI", "  "), "MONGODB_URI", () -> false);
		assertThat(choice.source()).isEqualTo(TestServerSource.EMBEDDED);
	}

	@Test
	void otherVariablesDoNotCount() {
		TestServerChoice choice = TestServerChoice.resolve(Map.of("MONGODB_URI", "mongodb://db"), "REDIS_URL",
				() -> false);
		assertThat(choice.source()).isEqualTo(TestServerSource.EMBEDDED);
	}

	@Test
	void answeringDockerChoosesTestcontainers() {
		TestServerChoice choice = TestServerChoice.resolve(Map.of(), "REDIS_URL", () -> true);
		assertThat(choice).isEqualTo(new TestServerChoice(TestServerSource.TESTCONTAINERS, null));
	}

	@Test
	void withoutDockerTheEmbeddedServerIsChosen() {
		TestServerChoice choice = TestServerChoice.resolve(Map.of(), "MONGODB_URI", () -> false);
		assertThat(choice).isEqualTo(new TestServerChoice(TestServerSource.EMBEDDED, null));
	}

	@Test
	void onlyTheEnvironmentCarriesAUrl() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TestServerChoice(TestServerSource.EMBEDDED, "redis://x"));
		assertThatIllegalArgumentException().isThrownBy(() -> new TestServerChoice(TestServerSource.ENVIRONMENT, null));
		assertThatIllegalStateException()
			.isThrownBy(() -> new TestServerChoice(TestServerSource.TESTCONTAINERS, null).requiredUrl());
	}

}
