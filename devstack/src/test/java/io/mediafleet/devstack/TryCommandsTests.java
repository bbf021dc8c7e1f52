package io.mediafleet.devstack;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TryCommandsTests {

	private static final Path ROOT = Path.of("/home/dev/mediafleet");

	@Test
	void pathsInsideTheCheckoutAreShownRelativeToIt() {
		assertThat(TryCommands.shown(ROOT, ROOT.resolve("devstack-data/admin-token")))
			.isEqualTo("devstack-data/admin-token");
		assertThat(TryCommands.shown(ROOT, Path.of("/tmp/stack/admin-token"))).isEqualTo("/tmp/stack/admin-token");
	}

	@Test
	void pathsWithShellCharactersAreQuoted() {
		assertThat(TryCommands.shown(ROOT, Path.of("/tmp/my stack/it's"))).isEqualTo("'/tmp/my stack/it'\\''s'");
	}

	@Test
	void commentsAndBlankLinesAreNoCommands() {
		assertThat(TryCommands.isCommand("# radio: listen")).isFalse();
		assertThat(TryCommands.isCommand("  ")).isFalse();
		assertThat(TryCommands.isCommand("bin/mediafleet tsp list")).isTrue();
	}

}
