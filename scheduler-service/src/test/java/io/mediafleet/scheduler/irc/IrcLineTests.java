package io.mediafleet.scheduler.irc;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IrcLineTests {

	@Test
	void privmsgIsSplitIntoPrefixCommandAndParameters() {
		IrcLine line = IrcLine.parse(":alice!a@host PRIVMSG #watch :!simul my film.mkv");
		assertThat(line).isNotNull();
		assertThat(line.nick()).isEqualTo("alice");
		assertThat(line.command()).isEqualTo("PRIVMSG");
		assertThat(line.params()).containsExactly("#watch", "!simul my film.mkv");
	}

	@Test
	void pingWithoutPrefixAndNumericRepliesParse() {
		assertThat(IrcLine.parse("PING :irc.test")).isEqualTo(new IrcLine(null, "PING", java.util.List.of("irc.test")));
		assertThat(IrcLine.parse(":srv 433 * simulbot :Nickname already in use").param(1)).isEqualTo("simulbot");
	}

	@Test
	void linesWithoutACommandAreRejected() {
		assertThat(IrcLine.parse("")).isNull();
		assertThat(IrcLine.parse(":prefixonly")).isNull();
		assertThat(IrcLine.parse(":prefix ")).isNull();
	}

	@Test
	void overlongLineIsSkippedAndCountedAndTheNextLineStillArrives() throws Exception {
		String input = "x".repeat(5000) + "\r\nPING :ok\r\n" + "y".repeat(511) + "\r\n" + "z".repeat(510) + "\r\n";
		IrcLineReader reader = new IrcLineReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.US_ASCII)));

		assertThat(reader.readLine()).isEqualTo("PING :ok");
		// 510 characters plus CR LF is exactly the 512 bytes RFC 1459 allows; one more is too many.
		assertThat(reader.readLine()).isEqualTo("z".repeat(510));
		assertThat(reader.readLine()).isNull();
		assertThat(reader.overlongLines()).isEqualTo(2);
	}

	@Test
	void outgoingLinesLoseLineBreaksAndFitIn512BytesWithoutSplittingCharacters() {
		assertThat(new String(IrcBot.encodeLine("PRIVMSG #w :a\r\nQUIT :pwned"), StandardCharsets.UTF_8))
			.isEqualTo("PRIVMSG #w :a  QUIT :pwned\r\n");
		byte[] long1 = IrcBot.encodeLine("PRIVMSG #w :" + "é".repeat(600));
		assertThat(long1.length).isLessThanOrEqualTo(512);
		String decoded = new String(long1, StandardCharsets.UTF_8);
		assertThat(decoded).endsWith("é\r\n").doesNotContain("\uFFFD");
	}

}
