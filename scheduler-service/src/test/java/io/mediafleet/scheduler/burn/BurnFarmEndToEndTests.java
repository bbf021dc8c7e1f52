package io.mediafleet.scheduler.burn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.mediafleet.burner.burn.BurnEngine;
import io.mediafleet.burner.burn.IsoLibrary;
import io.mediafleet.burner.tcp.TcpBurnerClient;
import io.mediafleet.schema.burn.BurnerType;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real burner agents burn real ISO images with real xorriso to {@code stdio:} drives, driven by the scheduler.
 */
@SpringBootTest
@WithRedis
@WithMongoDb(database = "burn-end-to-end-tests")
class BurnFarmEndToEndTests {

	@TempDir
	static Path isoDirectory;

	static final List<Path> isos = new ArrayList<>();

	@Autowired
	private BurnLineServer server;

	@Autowired
	private BurnFarm farm;

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
		IsoLibrary library = new IsoLibrary(isoDirectory, this.work.resolve(uid + ".md5cache"));
		BurnEngine engine = new BurnEngine(new BurnEngine.Settings("xorriso", drive, 4_700_000_000L, 4 << 20),
				library);
		TcpBurnerClient client = new TcpBurnerClient("127.0.0.1", this.server.localPort(), uid, BurnerType.BURNDVD,
				library, engine, Duration.ofSeconds(10), Duration.ofMillis(200));
		this.closeables.add(engine);
		this.closeables.add(client);
		client.start();
		return client;
	}

	RawLineClient command() throws Exception {
		RawLineClient command = new RawLineClient(this.server.localPort());
		command.read();
		command.send("ID\tV1\tCOMMAND\t" + BurnLineProtocolTests.hex32());
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
		String uid = BurnLineProtocolTests.hex32();
		Path drive = Files.createDirectories(this.work.resolve("drive-tcp")).resolve("disc.iso");
		DisplayRecorder display = new DisplayRecorder(this.server.localPort(), BurnLineProtocolTests.hex32());
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

	static Set<String> unused() {
		return Set.of();
	}

}
