package io.mediafleet.schema.node;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Default node names: the host's, cleaned, else random.
 */
class NodeNamesTests {

	@Test
	void hostNameFromTheEnvironmentIsLowerCasedAndCleaned() {
		assertThat(NodeNames.fromHost(Map.of("HOSTNAME", "Media 01.Studio"), "streamer")).isEqualTo("media-01.studio");
	}

	@Test
	void localhostIsNoNameSoARandomOneWithThePrefixIsUsed() {
		assertThat(NodeNames.sanitize("localhost")).isNull();
		assertThat(NodeNames.sanitize("localhost.localdomain")).isNull();
		assertThat(NodeNames.sanitize(" -- ")).isNull();
		assertThat(NodeNames.sanitize("-edge-")).isEqualTo("edge");
	}

	@Test
	void derivedNamesAlwaysMatchTheAllowedCharacters() {
		assertThat(NodeNames.fromHost(Map.of("HOSTNAME", "ä/ö:ü"), "player")).matches(NodeNames.ALLOWED);
		assertThat(NodeNames.fromHost(Map.of("HOSTNAME", "localhost"), "player")).matches(NodeNames.ALLOWED);
	}

}
