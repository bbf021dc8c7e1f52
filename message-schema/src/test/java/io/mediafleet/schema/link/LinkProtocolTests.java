package io.mediafleet.schema.link;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protocol constants and the close-reason helpers of {@link LinkProtocol}.
 */
class LinkProtocolTests {

	@Test
	void constantsMatchTheOriginal() {
		assertThat(LinkProtocol.PATH).isEqualTo("/api/socket");
		assertThat(LinkProtocol.VERSION).isEqualTo("2.0.0");
		assertThat(LinkProtocol.CLOSE_CODE_AUTHENTICATION_FAILED).isEqualTo(4003);
		assertThat(LinkProtocol.DEFAULT_HEARTBEAT_INTERVAL).isEqualTo(Duration.ofSeconds(15));
		assertThat(LinkProtocol.DEFAULT_SESSION_TIMEOUT).isEqualTo(Duration.ofSeconds(60));
		assertThat(LinkProtocol.DEFAULT_HANDSHAKE_TIMEOUT).isEqualTo(Duration.ofSeconds(30));
		assertThat(LinkProtocol.CLOSE_INVALID_HANDSHAKE).isEqualTo("Invalid handshake");
		assertThat(LinkProtocol.CLOSE_AUTHENTICATION_FAILED).isEqualTo("Authentication failed");
		assertThat(LinkProtocol.CLOSE_REGISTERED_FROM_ANOTHER_CONNECTION).isEqualTo("Registered from another connection");
		assertThat(LinkProtocol.CLOSE_SHUTDOWN).isEqualTo("shutdown");
		assertThat(LinkProtocol.CLOSE_INVALID_MESSAGE_PREFIX).isEqualTo("Invalid message: ");
	}

	@Test
	void invalidMessageReasonHasTheOriginalPrefix() {
		assertThat(LinkProtocol.invalidMessage("unknown message type 'x'"))
			.isEqualTo("Invalid message: unknown message type 'x'");
	}

	@Test
	void shortReasonFitsACloseFrameUnchanged() {
		assertThat(LinkProtocol.closeFrameReason("shutdown")).isEqualTo("shutdown");
		String exact = "x".repeat(123);
		assertThat(LinkProtocol.closeFrameReason(exact)).isEqualTo(exact);
	}

	@Test
	void longReasonIsCutToOneHundredTwentyThreeBytesOnACharacterBoundary() {
		String ascii = "x".repeat(200);
		assertThat(LinkProtocol.closeFrameReason(ascii)).hasSize(123);
		String accents = "\u00e9".repeat(100);
		String cut = LinkProtocol.closeFrameReason(accents);
		assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(122);
		String emoji = "\uD83D\uDE00".repeat(40);
		String cutEmoji = LinkProtocol.closeFrameReason(emoji);
		assertThat(cutEmoji.getBytes(StandardCharsets.UTF_8)).hasSize(120);
		assertThat(cutEmoji).isEqualTo("\uD83D\uDE00".repeat(30));
	}

}
