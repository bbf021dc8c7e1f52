package io.mediafleet.schema.tsp;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static io.mediafleet.schema.tsp.TspGoldenTests.MD5A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Both song-line forms, catalogue entries and peer addresses, and what their errors say.
 */
class SongLinesTests {

	@Test
	void originalFormSplitsAtTheArrowAndTheCommaTrimmingSpaces() {
		assertThat(SongLines.parse("  Hey Jude ,The Beatles>  hey_jude.mp3 "))
			.isEqualTo(SongLine.of("Hey Jude", "The Beatles", "hey_jude.mp3"));
	}

	@Test
	void originalFormTakesTheLastCommaBeforeTheArrowSoTitlesMayHaveCommas() {
		assertThat(SongLines.parse("Hello, Goodbye, The Beatles > hello_goodbye.mp3"))
			.isEqualTo(SongLine.of("Hello, Goodbye", "The Beatles", "hello_goodbye.mp3"));
	}

	@Test
	void originalFormWithoutArrowOrCommaIsRejected() {
		assertThatExceptionOfType(TspCodecException.class).isThrownBy(() -> SongLines.parse("Hey Jude - The Beatles"))
			.withMessage("line 1: 'Hey Jude - The Beatles' is neither 'Title, Artist > file.mp3' nor the "
					+ "TAB-separated song line");
		assertThatExceptionOfType(TspCodecException.class).isThrownBy(() -> SongLines.parse("Hey Jude > hey.mp3"));
		assertThatExceptionOfType(TspCodecException.class).isThrownBy(() -> SongLines.parse("Hey Jude, Beatles > "))
			.withMessage("line 1: no file name after '>'");
	}

	@Test
	void extendedFormReadsAllSixFields() {
		assertThat(SongLines.parse(MD5A.toUpperCase() + "\t7340032\t431.2\tLet It Be\tThe Beatles\tlet_it_be.mp3"))
			.isEqualTo(SongLine.of(MD5A, 7_340_032, Duration.ofMillis(431_200), "Let It Be", "The Beatles",
					"let_it_be.mp3"));
	}

	@Test
	void extendedFormTakesDashForUnknownAndIgnoresExtraFields() {
		assertThat(SongLines.parse("-\t-\t-\t-\t\tf.mp3\tfuture\tfields"))
			.isEqualTo(new SongLine(null, null, null, "-", "", "f.mp3"));
	}

	@Test
	void extendedFormErrorsNameTheField() {
		assertThatExceptionOfType(TspCodecException.class).isThrownBy(() -> SongLines.parse("a\tb\tc"))
			.withMessageStartingWith("line 1: has 3 TAB-separated fields but a song line needs 6");
		assertThatExceptionOfType(TspCodecException.class)
			.isThrownBy(() -> SongLines.parse("abc\t1\t1\tt\ta\tf.mp3"))
			.withMessage("line 1: field md5 'abc' is not 32 hex digits");
		assertThatExceptionOfType(TspCodecException.class).isThrownBy(() -> SongLines.parse("-\t-5\t1\tt\ta\tf.mp3"))
			.withMessage("line 1: size '-5' is not a whole number");
		assertThatExceptionOfType(TspCodecException.class)
			.isThrownBy(() -> SongLines.parse("-\t5\t3:45\tt\ta\tf.mp3"))
			.withMessage("line 1: duration '3:45' is not a decimal number of seconds");
		assertThatExceptionOfType(TspCodecException.class)
			.isThrownBy(() -> SongLines.parse("-\t99999999999999999999\t1\tt\ta\tf.mp3"))
			.withMessageContaining("size '99999999999999999999' is not a whole number");
		assertThatExceptionOfType(TspCodecException.class).isThrownBy(() -> SongLines.parse("-\t-\t-\tt\ta\t"))
			.withMessage("line 1: file name must not be empty");
	}

	@Test
	void formatWritesTheExtendedFormWithDashForUnknown() {
		assertThat(SongLines.format(SongLine.of("Hey Jude", "The Beatles", "hey_jude.mp3")))
			.isEqualTo("-\t-\t-\tHey Jude\tThe Beatles\they_jude.mp3");
		assertThat(SongLines.format(SongLine.of(MD5A, 5, Duration.ofMillis(1_500), "t", "a", "f")))
			.isEqualTo(MD5A + "\t5\t1.5\tt\ta\tf");
	}

	@Test
	void controlCharactersAreRejectedInEveryTextField() {
		assertThatIllegalArgumentException().isThrownBy(() -> SongLine.of("a\tb", "x", "f.mp3"))
			.withMessage("title 'a\tb' contains control character U+0009 at index 1");
		assertThatIllegalArgumentException().isThrownBy(() -> SongLine.of("a", "x\n", "f.mp3"));
		assertThatIllegalArgumentException().isThrownBy(() -> SongLine.of("a", "x", "f\u0000.mp3"));
	}

	@Test
	void catalogueEntryRoundTripsWithIpv4AndIpv6Hosts() {
		String line = "7\t" + MD5A + "\t1\t2\tt\ta\tf.mp3\t10.0.0.5:7001,[2001:db8::1]:7002,peer-3.local:80";
		CatalogueEntry entry = SongLines.parseEntry(line);
		assertThat(entry.songId()).isEqualTo(7);
		assertThat(entry.hosts()).containsExactly(PeerAddress.of("10.0.0.5", 7001), PeerAddress.of("2001:db8::1", 7002),
				PeerAddress.of("peer-3.local", 80));
		assertThat(SongLines.formatEntry(entry)).isEqualTo(line);
	}

	@Test
	void catalogueEntryMayHaveNoHosts() {
		CatalogueEntry entry = SongLines.parseEntry("0\t-\t-\t-\tt\ta\tf\t");
		assertThat(entry.hosts()).isEmpty();
		assertThat(SongLines.formatEntry(entry)).isEqualTo("0\t-\t-\t-\tt\ta\tf\t");
	}

	@Test
	void catalogueEntryErrorsNameTheField() {
		assertThatExceptionOfType(TspCodecException.class).isThrownBy(() -> SongLines.parseEntry("x\t-\t-\t-\tt\ta\tf\t"))
			.withMessage("line 1: song id 'x' is not a whole number");
		assertThatExceptionOfType(TspCodecException.class)
			.isThrownBy(() -> SongLines.parseEntry("1\t-\t-\t-\tt\ta\tf\th:1,h:99999"))
			.withMessage("line 1: hosts field, host 2: port must be 1 to 65535 but was 99999");
		assertThatExceptionOfType(TspCodecException.class)
			.isThrownBy(() -> SongLines.parseEntry("1\t-\t-\t-\tt\ta\tf\t::1:80"))
			.withMessageContaining("needs brackets around its IPv6 host");
		assertThatExceptionOfType(TspCodecException.class).isThrownBy(() -> SongLines.parseEntry("1\t-\t-\t-\tt\ta\tf"))
			.withMessageStartingWith("line 1: has 7 TAB-separated fields but a catalogue entry needs 8");
	}

	@Test
	void peerAddressRejectsBadHostsAndPorts() {
		assertThat(PeerAddress.parse("[::1]:7000")).isEqualTo(PeerAddress.of("::1", 7000));
		assertThat(PeerAddress.of("::1", 7000)).hasToString("[::1]:7000");
		assertThatIllegalArgumentException().isThrownBy(() -> PeerAddress.parse("host"));
		assertThatIllegalArgumentException().isThrownBy(() -> PeerAddress.parse("host:0"));
		assertThatIllegalArgumentException().isThrownBy(() -> PeerAddress.parse(":80"));
		assertThatIllegalArgumentException().isThrownBy(() -> PeerAddress.parse("ho st:80"));
		assertThatIllegalArgumentException().isThrownBy(() -> PeerAddress.parse("[host]:80"));
	}

	@Test
	void catalogueEntryRejectsNegativeSongIds() {
		SongLine song = SongLine.of("t", "a", "f");
		assertThatIllegalArgumentException().isThrownBy(() -> new CatalogueEntry(-1, song, List.of()));
	}

}
