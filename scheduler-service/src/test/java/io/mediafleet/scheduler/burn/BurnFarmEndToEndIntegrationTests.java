package io.mediafleet.scheduler.burn;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.mediafleet.burner.burn.BurnEngine;
import io.mediafleet.burner.burn.IsoLibrary;
import io.mediafleet.burner.link.LinkBurnerClient;
import io.mediafleet.burner.tcp.TcpBurnerClient;
import io.mediafleet.scheduler.link.LinkTokens;
import io.mediafleet.scheduler.link.RawLinkClient;
import io.mediafleet.schema.burn.BurnerTransport;
import io.mediafleet.schema.burn.BurnerType;
import io.mediafleet.testsupport.Isos;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real burner agents burn real ISO images with real xorriso to {@code stdio:} drives, driven by the scheduler.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.link.heartbeat-interval=1s",
				"mediafleet.scheduler.link.session-timeout=4s" })
@WithRedis
@WithMongoDb(database = "burn-end-to-end-tests")
class BurnFarmEndToEndIntegrationTests {

	@TempDir
	static Path isoDirectory;

	static final List<Path> isos = new ArrayList<>();

	@Autowired
	private BurnLineServer server;

	@Autowired
	private BurnFarm farm;

	@Autowired
	private LinkTokens tokens;

	@LocalServerPort
	private int webPort;

	private static final AtomicLong slaveIds = new AtomicLong(1000);

	@TempDir
	Path work;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@BeforeAll
	static void makeIsos() throws Exception {
		for (int i = 0; i < 3; i++) {
			isos.add(Isos.make(isoDirectory, "image" + i, 1_500_000 + i * 300_000, 42 + i));
		}
	}

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable closeable : this.closeables.reversed()) {
			closeable.close();
		}
		this.farm.clearQueue();
	}

	TcpBurnerClient tcpBurner(String uid, Path drive) {
		return tcpBurner(uid, drive, "xorriso");
	}

	TcpBurnerClient tcpBurner(String uid, Path drive, String xorriso) {
		IsoLibrary library = new IsoLibrary(isoDirectory, this.work.resolve(uid + ".md5cache"));
		BurnEngine engine = new BurnEngine(new BurnEngine.Settings(xorriso, drive, 4_700_000_000L, 4 << 20),
				library);
		TcpBurnerClient client = new TcpBurnerClient("127.0.0.1", this.server.localPort(), uid, BurnerType.BURNDVD,
				library, engine, Duration.ofSeconds(10), Duration.ofMillis(200),
				BurnLineProtocolIntegrationTests.tokenFor(this.tokens, "BURNDVD"));
		this.closeables.add(engine);
		this.closeables.add(client);
		client.start();
		return client;
	}

	/** A link burner; closing the returned handle kills it (connection aborted, xorriso killed). */
	AutoCloseable linkBurner(String uid, Path drive) {
		return linkBurner(uid, drive, "xorriso", new LinkBurnerClient[1]);
	}

	AutoCloseable linkBurner(String uid, Path drive, String xorriso, LinkBurnerClient[] created) {
		IsoLibrary library = new IsoLibrary(isoDirectory, this.work.resolve(uid + ".md5cache"));
		BurnEngine engine = new BurnEngine(new BurnEngine.Settings(xorriso, drive, 4_700_000_000L, 4 << 20),
				library);
		long id = slaveIds.incrementAndGet();
		LinkBurnerClient client = new LinkBurnerClient(
				new LinkBurnerClient.Identity(URI.create("ws://127.0.0.1:" + this.webPort + "/api/socket"),
						this.tokens.mint("burner-" + id, "slave", id, Duration.ofHours(1)), id, "burner-" + id, uid,
						BurnerType.BURNDVD),
				library, engine, Duration.ofSeconds(10), Duration.ofMillis(200));
		created[0] = client;
		AutoCloseable kill = () -> {
			client.close();
			engine.close();
		};
		this.closeables.add(kill);
		client.start();
		return kill;
	}

	/** A drive that never finishes writing: a FIFO nobody reads, so xorriso blocks mid-burn. */
	Path stuckDrive(String name) throws Exception {
		Path drive = Files.createDirectories(this.work.resolve(name)).resolve("fifo");
		Process mkfifo = new ProcessBuilder("mkfifo", drive.toString()).start();
		assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();
		return drive;
	}

	RawLineClient command() throws Exception {
		RawLineClient command = new RawLineClient(this.server.localPort());
		command.read();
		command.send("ID\tV1\tCOMMAND\t" + BurnLineProtocolIntegrationTests.hex32());
		command.send("AUTH\t" + BurnLineProtocolIntegrationTests.tokenFor(this.tokens, "COMMAND"));
		assertThat(command.read()).isEqualTo("CAPAB");
		this.closeables.add(command);
		return command;
	}

	static List<Path> ejected(Path drive) throws Exception {
		Path tray = drive.resolveSibling(drive.getFileName() + ".ejected");
		if (!Files.isDirectory(tray)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(tray)) {
			return files.sorted().toList();
		}
	}

	@Test
	void tcpBurnerBurnsAQueueOfThreeIsosAndADisplaySeesEveryStateChange() throws Exception {
		String uid = BurnLineProtocolIntegrationTests.hex32();
		Path drive = Files.createDirectories(this.work.resolve("drive-tcp")).resolve("disc.iso");
		DisplayRecorder display = new DisplayRecorder(this.server.localPort(), BurnLineProtocolIntegrationTests.hex32(),
				BurnLineProtocolIntegrationTests.tokenFor(this.tokens, "DISPLAY"));
		this.closeables.add(display);
		tcpBurner(uid, drive);
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> display.statesOf(uid).contains("AVAIL"));
		RawLineClient command = command();
		for (int i = 0; i < isos.size(); i++) {
			command.send("QUEUE\t" + Isos.md5(isos.get(i)) + "\t" + (i + 1));
			assertThat(command.read()).isEqualTo("QOK");
		}
		Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> ejected(drive).size() == 3);
		List<String> burnt = new ArrayList<>();
		for (Path disc : ejected(drive)) {
			assertThat(disc.getFileName().toString()).endsWith("-PASS.iso");
			burnt.add(checkDisc(disc));
		}
		assertThat(burnt).containsExactly(Isos.md5(isos.get(0)), Isos.md5(isos.get(1)), Isos.md5(isos.get(2)));
		assertThat(display.statesOf(uid)).containsSubsequence("ASKED", "BURN", "CHECKING", "PASS", "OPEN", "AVAIL",
				"ASKED", "BURN", "CHECKING", "PASS", "OPEN", "AVAIL", "ASKED", "BURN", "CHECKING", "PASS");
		command.send("QREPORT");
		assertThat(command.read()).isEqualTo("QLIST");
	}

	@Test
	void oneBurnerPerTransportBurnThreeIsosAndADisplaySeesBothBurners() throws Exception {
		String tcpUid = BurnLineProtocolIntegrationTests.hex32();
		String linkUid = BurnLineProtocolIntegrationTests.hex32();
		Path tcpDrive = Files.createDirectories(this.work.resolve("drive-tcp")).resolve("disc.iso");
		Path linkDrive = Files.createDirectories(this.work.resolve("drive-link")).resolve("disc.iso");
		DisplayRecorder display = new DisplayRecorder(this.server.localPort(), BurnLineProtocolIntegrationTests.hex32(),
				BurnLineProtocolIntegrationTests.tokenFor(this.tokens, "DISPLAY"));
		this.closeables.add(display);
		// A display on the link too: a control session that records every burner_changed_event.
		RawLinkClient control = new RawLinkClient(this.webPort);
		this.closeables.add(control);
		control.next();
		control.send("{\"seq\":1,\"type\":\"register_control\",\"data\":{\"token\":\""
				+ this.tokens.mint("display", "control", null, Duration.ofMinutes(5))
				+ "\",\"agent\":\"test display\",\"version\":\"2.0.0\"}}");
		control.nextContaining("ready");
		// Heartbeats as a real display does: the burns may outlast two heartbeat intervals on a loaded machine.
		control.keepAlive();
		tcpBurner(tcpUid, tcpDrive);
		linkBurner(linkUid, linkDrive);
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(
				() -> display.statesOf(tcpUid).contains("AVAIL") && display.statesOf(linkUid).contains("AVAIL"));
		RawLineClient command = command();
		for (int i = 0; i < isos.size(); i++) {
			command.send("QUEUE\t" + Isos.md5(isos.get(i)) + "\t" + (i + 1));
			assertThat(command.read()).isEqualTo("QOK");
		}
		Awaitility.await().atMost(Duration.ofSeconds(90))
			.until(() -> ejected(tcpDrive).size() + ejected(linkDrive).size() == 3);
		List<String> burnt = new ArrayList<>();
		for (Path disc : Stream.concat(ejected(tcpDrive).stream(), ejected(linkDrive).stream()).toList()) {
			assertThat(disc.getFileName().toString()).endsWith("-PASS.iso");
			burnt.add(checkDisc(disc));
		}
		assertThat(burnt).containsExactlyInAnyOrder(Isos.md5(isos.get(0)), Isos.md5(isos.get(1)),
				Isos.md5(isos.get(2)));
		for (String uid : List.of(tcpUid, linkUid)) {
			assertThat(display.statesOf(uid)).containsSubsequence("ASKED", "BURN", "CHECKING", "PASS", "OPEN", "AVAIL");
		}
		List<String> linkSeen = new ArrayList<>();
		while (linkSeen.stream().filter("PASS"::equals).count() < 3) {
			String event = control.nextContaining("burner_changed_event");
			linkSeen.add(event.replaceAll(".*\"state\":\"([A-Z]+)\".*", "$1"));
		}
		assertThat(linkSeen).containsSubsequence("ASKED", "BURN", "CHECKING", "PASS");
		assertThat(this.farm.burnerList()).filteredOn((burner) -> burner.uid().equals(linkUid))
			.singleElement()
			.satisfies((burner) -> assertThat(burner.transport()).isEqualTo(BurnerTransport.LINK));
	}

	@Test
	void burnerKilledMidBurnHasItsJobRequeuedAndBurntElsewhere() throws Exception {
		String doomedUid = BurnLineProtocolIntegrationTests.hex32();
		String survivorUid = BurnLineProtocolIntegrationTests.hex32();
		DisplayRecorder display = new DisplayRecorder(this.server.localPort(), BurnLineProtocolIntegrationTests.hex32(),
				BurnLineProtocolIntegrationTests.tokenFor(this.tokens, "DISPLAY"));
		this.closeables.add(display);
		AutoCloseable doomed = linkBurner(doomedUid, stuckDrive("drive-doomed"));
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> display.statesOf(doomedUid).contains("AVAIL"));
		RawLineClient command = command();
		command.send("QUEUE\t" + Isos.md5(isos.get(1)) + "\t1");
		assertThat(command.read()).isEqualTo("QOK");
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> display.statesOf(doomedUid).contains("BURN"));
		Path drive = Files.createDirectories(this.work.resolve("drive-survivor")).resolve("disc.iso");
		tcpBurner(survivorUid, drive);
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> display.statesOf(survivorUid).contains("AVAIL"));
		doomed.close();
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ejected(drive).size() == 1);
		assertThat(checkDisc(ejected(drive).get(0))).isEqualTo(Isos.md5(isos.get(1)));
		assertThat(display.statesOf(doomedUid)).containsSubsequence("ASKED", "BURN", "DISCONN");
		assertThat(display.statesOf(survivorUid)).containsSubsequence("ASKED", "BURN", "CHECKING", "PASS");
	}

	@Test
	void corruptedTargetFailsVerificationAndTheJobIsRequeuedAndBurntAgain() throws Exception {
		String uid = BurnLineProtocolIntegrationTests.hex32();
		Path drive = Files.createDirectories(this.work.resolve("drive-corrupt")).resolve("disc.iso");
		Path script = this.work.resolve("corrupting-xorriso.sh");
		Path mark = this.work.resolve("corrupted-once");
		// Real xorriso, then (the first time only) a few bytes of the written "disc" overwritten: a bad medium.
		Files.writeString(script, """
				#!/bin/sh
				xorriso "$@"
				rc=$?
				for arg in "$@"; do case "$arg" in dev=stdio:*) target="${arg#dev=stdio:}";; esac; done
				if [ ! -e "%s" ]; then
				  touch "%s"
				  printf 'CORRUPTED' | dd of="$target" bs=1 seek=40000 conv=notrunc 2>/dev/null
				fi
				exit $rc
				""".formatted(mark, mark));
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
		DisplayRecorder display = new DisplayRecorder(this.server.localPort(), BurnLineProtocolIntegrationTests.hex32(),
				BurnLineProtocolIntegrationTests.tokenFor(this.tokens, "DISPLAY"));
		this.closeables.add(display);
		tcpBurner(uid, drive, script.toString());
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> display.statesOf(uid).contains("AVAIL"));
		RawLineClient command = command();
		command.send("QUEUE\t" + Isos.md5(isos.get(2)) + "\t1");
		assertThat(command.read()).isEqualTo("QOK");
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ejected(drive).size() == 2);
		List<Path> discs = ejected(drive);
		assertThat(discs.get(0).getFileName().toString()).endsWith("-FAIL.iso");
		assertThat(discs.get(1).getFileName().toString()).endsWith("-PASS.iso");
		assertThat(checkDisc(discs.get(1))).isEqualTo(Isos.md5(isos.get(2)));
		assertThat(display.statesOf(uid)).containsSubsequence("CHECKING", "FAIL", "OPEN", "AVAIL", "ASKED", "BURN",
				"CHECKING", "PASS");
	}

	@Test
	void linkBurnerSurvivesAShortDropMidBurnByResumingItsSession() throws Exception {
		String uid = BurnLineProtocolIntegrationTests.hex32();
		Path drive = Files.createDirectories(this.work.resolve("drive-resume")).resolve("disc.iso");
		Path script = this.work.resolve("slow-xorriso.sh");
		// A drive that takes a moment to spin up, so the connection can drop while the burn is under way.
		Files.writeString(script, "#!/bin/sh\nsleep 2\nexec xorriso \"$@\"\n");
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
		DisplayRecorder display = new DisplayRecorder(this.server.localPort(), BurnLineProtocolIntegrationTests.hex32(),
				BurnLineProtocolIntegrationTests.tokenFor(this.tokens, "DISPLAY"));
		this.closeables.add(display);
		LinkBurnerClient[] client = new LinkBurnerClient[1];
		linkBurner(uid, drive, script.toString(), client);
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> display.statesOf(uid).contains("AVAIL"));
		RawLineClient command = command();
		command.send("QUEUE\t" + Isos.md5(isos.get(0)) + "\t1");
		assertThat(command.read()).isEqualTo("QOK");
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> display.statesOf(uid).contains("BURN"));
		client[0].dropConnection();
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ejected(drive).size() == 1);
		assertThat(checkDisc(ejected(drive).get(0))).isEqualTo(Isos.md5(isos.get(0)));
		assertThat(display.statesOf(uid)).containsSubsequence("ASKED", "BURN", "CHECKING", "PASS")
			.doesNotContain("DISCONN");
		assertThat(client[0].isInSession()).isTrue();
	}

	/** The md5 of the disc's first N bytes, N being the length of the ISO it matches. */
	static String checkDisc(Path disc) throws Exception {
		for (Path iso : isos) {
			long length = Files.size(iso);
			if (Files.size(disc) >= length && IsoLibrary.md5(disc, length).equals(Isos.md5(iso))) {
				return Isos.md5(iso);
			}
		}
		throw new AssertionError(disc + " matches none of the ISOs");
	}

}
