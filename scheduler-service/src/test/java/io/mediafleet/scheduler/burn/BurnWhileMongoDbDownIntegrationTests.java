package io.mediafleet.scheduler.burn;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.mediafleet.burner.burn.BurnEngine;
import io.mediafleet.burner.burn.IsoLibrary;
import io.mediafleet.burner.tcp.TcpBurnerClient;
import io.mediafleet.scheduler.LinkSecret;
import io.mediafleet.scheduler.SchedulerApplication;
import io.mediafleet.scheduler.link.LinkTokens;
import io.mediafleet.schema.burn.BurnerType;
import io.mediafleet.testsupport.Isos;
import io.mediafleet.testsupport.StoppableMongoDb;
import io.mediafleet.testsupport.TestRedis;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MongoDB's port closed while a real TCP burner agent burns (cells 5 and 7 of the fault matrix): the queue still
 * takes jobs, the verdicts close them, the burner's session is not ended by the store's failure, the job writes
 * reach MongoDB once it is back, and a scheduler restarted afterwards finds no open job, so nothing is burned twice;
 * also when the scheduler is killed before MongoDB is back (the waiting writes are in the burn spool on disk).
 */
class BurnWhileMongoDbDownIntegrationTests {

	private static final String SECRET = "mongodb-down-tests-secret-of-at-least-32-characters";

	@TempDir
	Path work;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private StoppableMongoDb mongo;

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable closeable : this.closeables.reversed()) {
			closeable.close();
		}
		if (this.mongo != null) {
			this.mongo.stop();
		}
	}

	private static String token(String role) {
		return new LinkTokens(LinkSecret.of(SECRET), Clock.systemUTC()).mint("mongodb-down-test", role, null,
				Duration.ofMinutes(10));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private ConfigurableApplicationContext scheduler(int burnPort) {
		// A short server selection time-out: a write finds out within a second that MongoDB is gone.
		return new SpringApplicationBuilder(SchedulerApplication.class).run("--server.port=0",
				"--spring.mongodb.uri=" + this.mongo.uri() + "/burn-down?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000",
				"--spring.data.redis.url=" + TestRedis.url(), "--mediafleet.scheduler.burn.port=" + burnPort,
				"--mediafleet.scheduler.burn.bind-address=127.0.0.1", "--mediafleet.scheduler.simul.advise-port=0",
				"--mediafleet.scheduler.simul.command-port=0", "--mediafleet.scheduler.link.jwt-secret=" + SECRET,
				"--mediafleet.scheduler.burn.spool-dir=" + this.work.resolve("spool"));
	}

	private TcpBurnerClient burner(Path isoDirectory, Path drive, int port, String uid) {
		IsoLibrary library = new IsoLibrary(isoDirectory, this.work.resolve(uid + ".md5cache"));
		BurnEngine engine = new BurnEngine(new BurnEngine.Settings("xorriso", drive, 4_700_000_000L, 4 << 20),
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

	private static long discs(Path tray) throws IOException {
		if (!Files.isDirectory(tray)) {
			return 0;
		}
		try (Stream<Path> files = Files.list(tray)) {
			return files.filter((disc) -> disc.getFileName().toString().endsWith("-PASS.iso")).count();
		}
	}

	private long doneJobs() {
		try (MongoClient client = MongoClients.create(this.mongo.uri() + "/?serverSelectionTimeoutMS=2000")) {
			return client.getDatabase("burn-down")
				.getCollection(BurnStore.JOBS)
				.countDocuments(Filters.eq("status", Job.Status.DONE.name()));
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

	@Test
	void burnsQueuedAndVerifiedWhileMongoDbIsDownAreKeptAndNeverBurnedTwice() throws Exception {
		this.mongo = StoppableMongoDb.start(this.work.resolve("mongodb.h2"));
		Path isoDirectory = Files.createDirectories(this.work.resolve("isos"));
		List<Path> isos = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			isos.add(Isos.make(isoDirectory, "down" + i, 1_000_000, 11 + i));
		}
		int port = freePort();
		ConfigurableApplicationContext first = scheduler(port);
		this.closeables.add(first);
		String uid = BurnLineProtocolIntegrationTests.hex32();
		Path drive = Files.createDirectories(this.work.resolve("drive")).resolve("disc.iso");
		Path tray = drive.resolveSibling("disc.iso.ejected");
		burner(isoDirectory, drive, port, uid);
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> report(port, "SREPORT").contains("\tAVAIL"));

		this.mongo.stop();
		try (RawLineClient command = new RawLineClient(port)) {
			command.read();
			command.send("ID\tV1\tCOMMAND\t" + BurnLineProtocolIntegrationTests.hex32());
			command.send("AUTH\t" + token("control"));
			command.read();
			for (Path iso : isos) {
				command.send("QUEUE\t" + Isos.md5(iso) + "\t5");
				assertThat(command.read()).isEqualTo("QOK");
			}
		}
		// Both burnt and verified while MongoDB is away: the verdicts closed the jobs.
		Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> discs(tray) == 2);
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> report(port, "QREPORT").equals("QLIST"));
		assertThat(report(port, "SREPORT")).contains(uid);

		this.mongo = this.mongo.restart();
		// The job writes waiting for MongoDB reach it now that it answers.
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> doneJobs() == 2);

		first.close();
		ConfigurableApplicationContext second = scheduler(port);
		this.closeables.add(second);
		assertThat(report(port, "QREPORT")).as("no job left open to burn again").isEqualTo("QLIST");
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> report(port, "SREPORT").contains(uid));
		assertThat(report(port, "QREPORT")).isEqualTo("QLIST");
		assertThat(discs(tray)).isEqualTo(2);
	}

	@Test
	void aVerdictThatArrivedWhileMongoDbWasDownIsNotBurnedAgainWhenTheSchedulerIsKilledBeforeMongoDbReturns()
			throws Exception {
		this.mongo = StoppableMongoDb.start(this.work.resolve("mongodb.h2"));
		Path isoDirectory = Files.createDirectories(this.work.resolve("isos"));
		Path iso = Isos.make(isoDirectory, "killed", 1_000_000, 21);
		int port = freePort();
		ConfigurableApplicationContext first = scheduler(port);
		this.closeables.add(first);
		String uid = BurnLineProtocolIntegrationTests.hex32();
		Path drive = Files.createDirectories(this.work.resolve("drive")).resolve("disc.iso");
		Path tray = drive.resolveSibling("disc.iso.ejected");
		// The burner makes the image known, then leaves: the job is queued (and written to MongoDB) with no burner.
		TcpBurnerClient leaving = burner(isoDirectory, drive, port, uid);
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> report(port, "SREPORT").contains("\tAVAIL"));
		leaving.close();
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> report(port, "SREPORT").contains("\tDISCONN"));
		assertThat(report(port, "QUEUE\t" + Isos.md5(iso) + "\t5")).isEqualTo("QOK");

		this.mongo.stop();
		burner(isoDirectory, drive, port, uid);
		// Burnt and verified while MongoDB is away: the verdict closed the job in memory only.
		Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> discs(tray) == 1);
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> report(port, "QREPORT").equals("QLIST"));

		// Killed before MongoDB is back: the store's retries (in memory) never reach it.
		first.close();
		this.mongo = this.mongo.restart();
		ConfigurableApplicationContext second = scheduler(port);
		this.closeables.add(second);
		assertThat(report(port, "QREPORT")).as("the verdict's job is not open again").isEqualTo("QLIST");
		assertThat(doneJobs()).isEqualTo(1);
		// The burner is back and idle: nothing for it to burn.
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> report(port, "SREPORT").lines().anyMatch((line) -> line.startsWith(uid + "\t-\tAVAIL")));
		assertThat(report(port, "QREPORT")).isEqualTo("QLIST");
		assertThat(discs(tray)).isEqualTo(1);
	}

}
