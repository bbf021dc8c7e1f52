package io.mediafleet.scheduler.simul;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.mediafleet.schema.simul.CurveKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The master's list of slave keys: from the settings and from a file read again when it changes.
 */
class AuthorizedSlaveKeysTests {

	private static final CurveKey LISTED = CurveKey.fromZ85(SimulTestKeys.SLAVE_PUBLIC);

	private static final CurveKey OTHER = CurveKey.fromZ85(SimulTestKeys.MASTER_PUBLIC);

	@TempDir
	Path temp;

	@Test
	void listedKeysAreAdmittedAndOthersAreNot() {
		AuthorizedSlaveKeys keys = new AuthorizedSlaveKeys(List.of(SimulTestKeys.SLAVE_PUBLIC), null, 10);
		assertThat(keys.contains(LISTED)).isTrue();
		assertThat(keys.contains(OTHER)).isFalse();
	}

	@Test
	void malformedListedKeyIsRefusedAtStartup() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AuthorizedSlaveKeys(List.of(SimulTestKeys.SLAVE_PUBLIC, "not-a-key"), null, 10))
			.withMessageContaining("Slave key 1");
	}

	@Test
	void fileIsReadAgainWhenItChangesAndBadLinesAreSkipped() throws Exception {
		Path file = Files.writeString(this.temp.resolve("keys"), """
				# players
				%s den
				not-a-key
				""".formatted(SimulTestKeys.SLAVE_PUBLIC));
		AuthorizedSlaveKeys keys = new AuthorizedSlaveKeys(List.of(), file, 10);
		assertThat(keys.contains(LISTED)).isTrue();
		assertThat(keys.contains(OTHER)).isFalse();

		Files.writeString(file, SimulTestKeys.MASTER_PUBLIC + "\n");
		assertThat(keys.contains(OTHER)).isTrue();
		assertThat(keys.contains(LISTED)).as("removed from the file").isFalse();
	}

	@Test
	void fileKeysBeyondTheLimitAreIgnored() throws Exception {
		Path file = Files.writeString(this.temp.resolve("keys"),
				SimulTestKeys.SLAVE_PUBLIC + "\n" + SimulTestKeys.MASTER_PUBLIC + "\n");
		AuthorizedSlaveKeys keys = new AuthorizedSlaveKeys(List.of(), file, 1);
		assertThat(keys.size()).isEqualTo(1);
		assertThat(keys.contains(OTHER)).isFalse();
	}

	@Test
	void missingFileIsRefusedAtStartup() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AuthorizedSlaveKeys(List.of(), this.temp.resolve("absent"), 10))
			.withMessageContaining("Cannot read the slave keys file");
	}

}
