package io.mediafleet.schema.burn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.mediafleet.schema.burn.BurnMessage.AskCapab;
import io.mediafleet.schema.burn.BurnMessage.Auth;
import io.mediafleet.schema.burn.BurnMessage.Burn;
import io.mediafleet.schema.burn.BurnMessage.Cap;
import io.mediafleet.schema.burn.BurnMessage.Capab;
import io.mediafleet.schema.burn.BurnMessage.CompletedStatus;
import io.mediafleet.schema.burn.BurnMessage.ErrorReply;
import io.mediafleet.schema.burn.BurnMessage.Id;
import io.mediafleet.schema.burn.BurnMessage.Ident;
import io.mediafleet.schema.burn.BurnMessage.IdleStatus;
import io.mediafleet.schema.burn.BurnMessage.Info;
import io.mediafleet.schema.burn.BurnMessage.InfoUnknown;
import io.mediafleet.schema.burn.BurnMessage.Name;
import io.mediafleet.schema.burn.BurnMessage.Open;
import io.mediafleet.schema.burn.BurnMessage.ProgressStatus;
import io.mediafleet.schema.burn.BurnMessage.Queue;
import io.mediafleet.schema.burn.BurnMessage.QueueClear;
import io.mediafleet.schema.burn.BurnMessage.QueueList;
import io.mediafleet.schema.burn.BurnMessage.QueueNo;
import io.mediafleet.schema.burn.BurnMessage.QueueOk;
import io.mediafleet.schema.burn.BurnMessage.QueueReport;
import io.mediafleet.schema.burn.BurnMessage.StatusList;
import io.mediafleet.schema.burn.BurnMessage.StatusReport;
import io.mediafleet.schema.burn.BurnMessage.VerifiedStatus;
import io.mediafleet.schema.burn.BurnMessage.WhatIs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files under {@code golden/burn/}: the wire bytes of every message of the seed document
 * (as protocols.md reconstructs it) decode to the expected record and encode back byte for byte;
 * the files under {@code accepted/} hold spellings we accept but never emit.
 */
class BurnGoldenTests {

	static final String H1 = "d41d8cd98f00b204e9800998ecf8427e";

	static final String H2 = "6f1ed002ab5595859014ebf0951522d9";

	static final String H3 = "9e107d9d372bb6826bd81d3542a419d6";

	static final String UID1 = "3f2a9c0e5b7d41e8a6c2f0b9d8e7a615";

	static final String UID2 = "0c8e4b7a9d2f6e1035b8a7c4d9e2f160";

	static final String UID3 = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

	static final Map<String, BurnMessage> GOLDEN = golden();

	private static Map<String, BurnMessage> golden() {
		Map<String, BurnMessage> golden = new LinkedHashMap<>();
		golden.put("01-ident", Ident.v1());
		golden.put("02-id-burner", Id.v1(ClientType.BURNDVD, UID1));
		golden.put("03-id-command", Id.v1(ClientType.COMMAND, UID2));
		golden.put("04-capab", new Capab());
		golden.put("05-cap", Cap.of(BurnerType.BURNDVD, H1, H2));
		golden.put("06-cap-no-images", Cap.of(BurnerType.BURNCDR));
		golden.put("07-whatis", new WhatIs(H3));
		golden.put("08-info", new Info(H3, "ubuntu-9.04-desktop-i386.iso",
				"Ubuntu 9.04 \"Jaunty Jackalope\" desktop CD for i386"));
		golden.put("09-info-multiline", new Info(H2, "ubuntu-9.04-server-amd64.iso",
				"Ubuntu 9.04 server install CD\n\n64-bit PCs only.\n\nBurn at 16x or slower."));
		golden.put("10-info-enoidea", InfoUnknown.bare());
		golden.put("11-status-idle", new IdleStatus(Media.DVD, DriveState.AVAIL));
		golden.put("12-status-progress", new ProgressStatus(H1, 50));
		golden.put("13-status-complete", new CompletedStatus(H1, Duration.ofSeconds(312)));
		golden.put("14-status-pass", new VerifiedStatus(H1, Verdict.PASS));
		golden.put("15-status-fail", new VerifiedStatus(H1, Verdict.FAIL));
		golden.put("16-burn", new Burn(H1));
		golden.put("17-open", new Open());
		golden.put("18-error-noiso", ErrorReply.of(BurnErrorCodes.NOISO, "image " + H2 + " is not on this burner"));
		golden.put("19-error-multiline", ErrorReply.of(BurnErrorCodes.BADMSG,
				"unknown command 'FOO'\n\nsend CAPAB first"));
		golden.put("20-queue", new Queue(H1, 5));
		golden.put("21-qok", new QueueOk());
		golden.put("22-qno", new QueueNo());
		golden.put("23-qreport", new QueueReport());
		golden.put("24-qlist", QueueList.of(QueueEntry.of("17", H1, 1), QueueEntry.of("18", H2, 5),
				QueueEntry.of("19", H1, 5)));
		golden.put("25-qlist-empty", QueueList.of());
		golden.put("26-sreport", new StatusReport());
		golden.put("27-slist", StatusList.of(BurnerStatus.of(UID1, H1, BurnerState.BURN),
				BurnerStatus.of(UID3, null, BurnerState.AVAIL), BurnerStatus.of(UID2, null, BurnerState.DISCONN)));
		golden.put("28-askcapab", new AskCapab());
		golden.put("29-name", new Name(UID1, "Rack 2, top drive"));
		golden.put("30-qclear", new QueueClear());
		golden.put("31-auth", new Auth("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjbGkiLCJyb2xlIjoiY29udHJvbCIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAwMzAwfQ.c2lnbmF0dXJlLW5vdC1jaGVja2VkLWJ5LXRoZS1jb2RlYw"));
		return golden;
	}

	static Stream<Arguments> goldenFiles() {
		return GOLDEN.entrySet().stream().map((entry) -> Arguments.of(entry.getKey(), entry.getValue()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("goldenFiles")
	void goldenFileDecodesFedOneByteAtATimeAndEncodesBackByteForByte(String name, BurnMessage expected) {
		byte[] wire = read(name + ".txt");
		List<BurnMessage> decoded = new ArrayList<>();
		BurnDecoder decoder = new BurnDecoder();
		for (byte b : wire) {
			decoder.decode(ByteBuffer.wrap(new byte[] { b }), decoded::add);
		}
		assertThat(decoded).containsExactly(expected);
		assertThat(decoder.bufferedBytes()).isZero();
		assertThat(new BurnEncoder().encode(expected)).isEqualTo(wire);
	}

	@Test
	void everyGoldenFileInOneBufferDecodesInOrder() {
		ByteBuffer all = ByteBuffer.allocate(64 * 1024);
		GOLDEN.keySet().forEach((name) -> all.put(read(name + ".txt")));
		all.flip();
		List<BurnMessage> decoded = new ArrayList<>();
		new BurnDecoder().decode(all, decoded::add);
		assertThat(decoded).containsExactlyElementsOf(GOLDEN.values());
	}

	@Test
	void everyCommandHasAGoldenFile() {
		assertThat(GOLDEN.values().stream().map(BurnMessage::command).distinct())
			.containsExactlyInAnyOrder(BurnCommand.values());
	}

	static Stream<Arguments> acceptedFiles() {
		return Stream.of("what-alias--07-whatis", "askcap-alias--28-askcapab", "lf-line-endings--01-ident",
				"uppercase-hash--16-burn", "percent-sign--12-status-progress", "qlist-on-first-line--24-qlist",
				"extra-fields-ignored--20-queue", "leading-blank-lines--17-open")
			.map((name) -> Arguments.of(name, name.substring(name.indexOf("--") + 2)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("acceptedFiles")
	void acceptedSpellingDecodesToTheCanonicalMessageWhichEncodesAsTheGoldenFile(String name, String canonical) {
		List<BurnMessage> decoded = new ArrayList<>();
		new BurnDecoder().decode(ByteBuffer.wrap(read("accepted/" + name + ".txt")), decoded::add);
		assertThat(decoded).containsExactly(GOLDEN.get(canonical));
		assertThat(new BurnEncoder().encode(decoded.get(0))).isEqualTo(read(canonical + ".txt"));
	}

	static byte[] read(String name) {
		try (InputStream in = BurnGoldenTests.class.getResourceAsStream("/golden/burn/" + name)) {
			assertThat(in).as("golden file %s", name).isNotNull();
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
