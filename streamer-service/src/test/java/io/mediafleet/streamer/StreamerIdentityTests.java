package io.mediafleet.streamer;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StreamerIdentityTests {

	@Test
	void configuredIdWinsOverTheHostName() {
		assertThat(StreamerIdentity.of(" studio-a ", Map.of("HOSTNAME", "box")))
			.isEqualTo(new StreamerIdentity("studio-a", false));
	}

	@Test
	void hostNameFromTheEnvironmentIsCleanedUp() {
		assertThat(StreamerIdentity.of(null, Map.of("HOSTNAME", "Media Box #2")))
			.isEqualTo(new StreamerIdentity("media-box-2", true));
	}

	@Test
	void localhostIsNoNameSoAnotherIsFound() {
		StreamerIdentity identity = StreamerIdentity.of("", Map.of("HOSTNAME", "localhost"));
		assertThat(identity.derived()).isTrue();
		assertThat(identity.id()).isNotEqualTo("localhost").matches(StreamerIdentity.ALLOWED);
	}

	@Test
	void idsOutsideTheAllowedCharactersAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StreamerIdentity("a/b", false));
	}

}
