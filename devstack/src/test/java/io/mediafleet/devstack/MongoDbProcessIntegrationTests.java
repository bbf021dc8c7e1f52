package io.mediafleet.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MongoDB in a JVM of its own ({@code --mongodb-process}): a real child process that the driver talks to, which a
 * SIGKILL ends without ending the test's JVM, and which keeps its data file across a clean stop.
 */
class MongoDbProcessIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void servesFromItsOwnProcessSurvivesAKillOfNothingButItselfAndKeepsDataAcrossACleanStop() {
		int port = FreePorts.plan().get(Port.MONGODB);
		Path file = this.directory.resolve("mongodb.mv");
		Output output = (source, line) -> System.out.println(source + " | " + line);
		List<String> jvm = List.of("-Xmx128m", "-XX:TieredStopAtLevel=1");
		ChildProcess mongo = MongoDbProcess.start(port, file, jvm, this.directory, output);
		try {
			assertThat(mongo.handle().pid()).isNotEqualTo(ProcessHandle.current().pid());
			insert(port, "kept");
			mongo.requestStop();
			assertThat(mongo.awaitStop(Duration.ofSeconds(30))).isTrue();

			mongo = MongoDbProcess.start(port, file, jvm, this.directory, output);
			assertThat(names(port)).containsExactly("kept");
			mongo.kill();
			assertThat(mongo.isAlive()).isFalse();
		}
		finally {
			mongo.kill();
		}
	}

	private static void insert(int port, String name) {
		try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
			collection(client).insertOne(new Document("name", name));
		}
	}

	private static List<String> names(int port) {
		try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
			return collection(client).find().map((document) -> document.getString("name")).into(new java.util.ArrayList<>());
		}
	}

	private static MongoCollection<Document> collection(MongoClient client) {
		return client.getDatabase("faults").getCollection("things");
	}

}
