package io.mediafleet.scheduler.burn;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.mediafleet.burner.burn.BurnEngine;
import io.mediafleet.burner.burn.IsoLibrary;
import io.mediafleet.burner.tcp.TcpBurnerClient;
import io.mediafleet.scheduler.LinkSecret;
import io.mediafleet.scheduler.SchedulerApplication;
import io.mediafleet.scheduler.link.LinkTokens;
import io.mediafleet.schema.burn.BurnerType;
import io.mediafleet.testsupport.Isos;
import io.mediafleet.testsupport.TestMongoDb;
import io.mediafleet.testsupport.TestRedis;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stops the scheduler while a burner is mid-burn and starts a new one on the same MongoDB and ports: the queue is
 * intact (same ids, hashes, priorities), the interrupted job is queued again, and everything gets burnt.
 */
class SchedulerRestartIntegrationTests {

	/** Both runs of the scheduler share it, so tokens minted before the restart still count after it. */
	private static final String SECRET = "restart-tests-secret-of-at-least-32-characters";

	private static String token(String role) {
		return new LinkTokens(LinkSecret.of(SECRET), Clock.systemUTC()).mint("restart-test", role, null,
				Duration.ofMinutes(10));
	}

	@TempDir
	Path work;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable closeable : this.closeables.reversed()) {
			closeable.close();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private ConfigurableApplicationContext scheduler(int burnPort, String database) {
		// Command-line arguments: they outrank application.yml, where builder default properties would not.
		return new SpringApplicationBuilder(SchedulerApplication.class).run("--server.port=0",
				"--spring.mongodb.uri=" + TestMongoDb.uri(), "--spring.mongodb.database=" + database,
				"--spring.data.redis.url=" + TestRedis.url(), "--mediafleet.scheduler.burn.port=" + burnPort,
				"--mediafleet.scheduler.burn.bind-address=127.0.0.1", "--mediafleet.scheduler.link.jwt-secret=" + SECRET);
	}

	private TcpBurnerClient burner(Path isoDirectory, Path drive, int port) {
		return burner(isoDirectory, drive, port, "xorriso");
	}

	private TcpBurnerClient burner(Path isoDirectory, Path drive, int port, String xorriso) {
		String uid = BurnLineProtocolIntegrationTests.hex32();
		IsoLibrary library = new IsoLibrary(isoDirectory, this.work.resolve(uid + ".md5cache"));
		BurnEngine engine = new BurnEngine(new BurnEngine.Settings(xorriso, drive, 4_700_000_000L, 4 << 20),
				library);
		TcpBurnerClient client = new TcpBurnerClient("127.0.0.1", port, uid, BurnerType.BURNDVD, library, engine,
				Duration.ofSeconds(10), Duration.ofMillis(200), token("slave"));
		this.closeables.add(engine);
		this.closeables.add(client);
		client.start();
		return client;
	}

	private static String report(int port, String request) throws Exception {
		try (RawLineClient command = new RawLineClient(port)) {
			command.read();
			command.send("ID\tV1\tCOMMAND\t" + BurnLineProtocolIntegrationTests.hex32());
			command.send("AUTH\t" + token("control"));
			command.read();
			command.send(request);
			return command.read();
		}
	}

	@Test
	void queueSurvivesASchedulerRestartMidBurn() throws Exception {
		Path isoDirectory = Files.createDirectories(this.work.resolve("isos"));
		List<Path> isos = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			isos.add(Isos.make(isoDirectory, "restart" + i, 1_000_000, 7 + i));
		}
		int port = freePort();
		String database = "burn-restart-" + System.nanoTime();
		ConfigurableApplicationContext first = scheduler(port, database);
		this.closeables.add(first);
		Path fifo = Files.createDirectories(this.work.resolve("stuck")).resolve("fifo");
		Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
		assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();
		TcpBurnerClient stuck = burner(isoDirectory, fifo, port);
		Awaitility.await().atMost(Duration.ofSeconds(30))
			.until(() -> report(port, "SREPORT").contains("\tAVAIL"));
		try (RawLineClient command = new RawLineClient(port)) {
			command.read();
			command.send("ID\tV1\tCOMMAND\t" + BurnLineProtocolIntegrationTests.hex32());
			command.send("AUTH\t" + token("control"));
			command.read();
			for (int i = 0; i < 3; i++) {
				command.send("QUEUE\t" + Isos.md5(isos.get(i)) + "\t" + (10 + i));
				assertThat(command.read()).isEqualTo("QOK");
			}
		}
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> report(port, "SREPORT").contains("\tBURN"));
		String before = report(port, "QREPORT");
		assertThat(before.split("\r\n")).hasSize(4);

		first.close();
		ConfigurableApplicationContext second = scheduler(port, database);
		this.closeables.add(second);
		assertThat(report(port, "QREPORT")).isEqualTo(before);

		stuck.close();
		Path drive = Files.createDirectories(this.work.resolve("good")).resolve("disc.iso");
		burner(isoDirectory, drive, port);
		Path tray = drive.resolveSibling("disc.iso.ejected");
		Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> {
			if (!Files.isDirectory(tray)) {
				return false;
			}
			try (Stream<Path> discs = Files.list(tray)) {
				return discs.count() == 3;
			}
		});
		assertThat(report(port, "QREPORT")).isEqualTo("QLIST");
		List<String> burnt = new ArrayList<>();
		try (Stream<Path> discs = Files.list(tray)) {
			for (Path disc : discs.sorted().toList()) {
				assertThat(disc.getFileName().toString()).endsWith("-PASS.iso");
				burnt.add(IsoLibrary.md5(disc, Files.size(isos.get(burnt.size()))));
			}
		}
		assertThat(burnt).containsExactly(Isos.md5(isos.get(0)), Isos.md5(isos.get(1)), Isos.md5(isos.get(2)));
	}

	@Test
	void aCopyBurntWhileTheSchedulerIsDownIsCountedOnceAndNotBurnedAgain() throws Exception {
		// Fault matrix runs 9 and 10: a scheduler killed during a 2-copy burn ended with 3 discs. The burner goes on
		// burning while the scheduler is away; its verdict reached nobody, and the restarted scheduler burned that
		// copy again. Here the real agent's xorriso waits at a gate the test opens once the scheduler is down; every
		// run of it is counted.
		Path isoDirectory = Files.createDirectories(this.work.resolve("isos"));
		Path iso = Isos.make(isoDirectory, "twice", 1_000_000, 11);
		Path gate = this.work.resolve("gate");
		Path runs = this.work.resolve("xorriso-runs");
		Path xorriso = this.work.resolve("gated-xorriso");
		Files.writeString(xorriso, "#!/bin/sh\ndate +%T.%N >> '" + runs + "'\nwhile [ ! -e '" + gate
				+ "' ]; do sleep 0.05; done\nexec xorriso \"$@\"\n");
		assertThat(xorriso.toFile().setExecutable(true)).isTrue();
		int port = freePort();
		String database = "burn-restart-" + System.nanoTime();
		ConfigurableApplicationContext first = scheduler(port, database);
		this.closeables.add(first);
		Path drive = Files.createDirectories(this.work.resolve("drive")).resolve("disc.iso");
		burner(isoDirectory, drive, port, xorriso.toString());
		Awaitility.await().atMost(Duration.ofSeconds(30))
			.until(() -> report(port, "SREPORT").contains("\tAVAIL"));
		assertThat(first.getBean(BurnFarm.class).queue(Isos.md5(iso), 5, 2)).isPresent();
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> report(port, "SREPORT").contains("\tBURN"));

		// The scheduler goes away mid-burn; the first copy is burnt and verified while it is down.
		first.close();
		Files.createFile(gate);
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.isRegularFile(drive));
		ConfigurableApplicationContext second = scheduler(port, database);
		this.closeables.add(second);

		Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> report(port, "QREPORT").equals("QLIST"));
		assertThat(Files.readAllLines(runs)).as("burns for 2 copies").hasSize(2);
		Path tray = drive.resolveSibling("disc.iso.ejected");
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
			try (Stream<Path> discs = Files.list(tray)) {
				return discs.filter((disc) -> disc.getFileName().toString().endsWith("-PASS.iso")).count() == 2;
			}
		});
		assertThat(Files.readAllLines(runs)).as("no burn after the job was done").hasSize(2);
	}

}
