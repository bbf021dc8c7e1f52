package io.mediafleet.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedServersIntegrationTests {

	private final List<String> lines = new ArrayList<>();

	private final Output output = (source, line) -> {
		synchronized (this.lines) {
			this.lines.add(source + " | " + line);
		}
	};

	@Test
	void mongoDbKeepsDocumentsInItsFileAcrossRestarts(@TempDir Path data) {
		int port = FreePorts.one();
		Path file = data.resolve("mongodb.mv");
		try (EmbeddedMongoDb mongoDb = EmbeddedMongoDb.start(port, file);
				MongoClient client = MongoClients.create(mongoDb.uri(DevStack.DATABASE))) {
			client.getDatabase(DevStack.DATABASE)
				.getCollection("radios")
				.insertOne(new Document("_id", "radio-1").append("name", "Test FM"));
		}
		assertThat(file).isRegularFile();
		try (EmbeddedMongoDb mongoDb = EmbeddedMongoDb.start(port, file);
				MongoClient client = MongoClients.create(mongoDb.uri(DevStack.DATABASE))) {
			Document radio = client.getDatabase(DevStack.DATABASE)
				.getCollection("radios")
				.find(new Document("_id", "radio-1"))
				.first();
			assertThat(radio).isNotNull().containsEntry("name", "Test FM");
		}
	}

	@Test
	void mongoDbAnswersHelloLikeSpringBootsHealthIndicatorExpects(@TempDir Path data) {
		for (Path file : new Path[] { data.resolve("mongodb.mv"), null }) {
			try (EmbeddedMongoDb mongoDb = EmbeddedMongoDb.start(FreePorts.one(), file);
					MongoClient client = MongoClients.create(mongoDb.uri(DevStack.DATABASE))) {
				Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
				assertThat(hello.get("ok", Number.class).intValue()).isEqualTo(1);
				assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
				assertThat(hello.getInteger("maxWireVersion")).isPositive();
			}
		}
	}

	@Test
	void redisKeepsKeysInItsDirectoryAcrossRestarts(@TempDir Path data) throws IOException {
		int port = FreePorts.one();
		ChildProcess redis = RedisServerProcess.start(port, data, data, this.output);
		try {
			assertThat(RespClient.command(port, "SET", "greeting", "hello")).isEqualTo("+OK");
		}
		finally {
			redis.requestStop();
			assertThat(redis.awaitStop(Duration.ofSeconds(15))).as("Redis stops on SIGTERM").isTrue();
		}
		assertThat(data.resolve("dump.rdb")).as("Redis saves on a clean stop").isRegularFile();
		ChildProcess again = RedisServerProcess.start(port, data, data, this.output);
		try {
			assertThat(RespClient.command(port, "GET", "greeting")).isEqualTo("hello");
		}
		finally {
			again.requestStop();
			again.awaitStop(Duration.ofSeconds(15));
		}
		assertThat(this.lines).anyMatch((line) -> line.startsWith("redis | "));
	}

	@Test
	void inMemoryRedisSavesNothing(@TempDir Path work) throws IOException {
		int port = FreePorts.one();
		ChildProcess redis = RedisServerProcess.start(port, null, work, this.output);
		try {
			assertThat(RespClient.command(port, "SET", "k", "v")).isEqualTo("+OK");
		}
		finally {
			redis.requestStop();
			redis.awaitStop(Duration.ofSeconds(15));
		}
		assertThat(work.resolve("dump.rdb")).doesNotExist();
		assertThat(redis.isAlive()).isFalse();
	}

}
