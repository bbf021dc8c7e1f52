package io.mediafleet.testsupport;

import java.util.Map;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TestMongoDbIntegrationTests {

	@Test
	void embeddedMongoDbAnswersTheDriverLikeMongoDb() {
		RunningServer server = EmbeddedServers.mongoDb();
		try (MongoClient client = MongoClients.create(server.url())) {
			assertThat(server.url()).startsWith("mongodb://127.0.0.1:");
			// Spring Boot's MongoDB health indicator runs exactly this command and reads maxWireVersion.
			Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
			assertThat(hello.get("ok", Number.class).intValue()).isEqualTo(1);
			assertThat(hello.getInteger("maxWireVersion")).isPositive();
			MongoCollection<Document> songs = client.getDatabase("mediafleet").getCollection("songs");
			songs.insertOne(new Document("_id", "d41d8cd98f00b204e9800998ecf8427e").append("title", "Silence"));
			assertThat(songs.find(new Document("_id", "d41d8cd98f00b204e9800998ecf8427e")).first())
				.containsEntry("title", "Silence");
			assertThat(client.listDatabaseNames()).contains("mediafleet");
		}
		finally {
			server.stop();
		}
	}

	@Test
	void embeddedMongoDbOnTheH2BackendAnswersLikeTheInMemoryOne() {
		RunningServer server = EmbeddedServers.mongoDb("h2");
		try (MongoClient client = MongoClients.create(server.url())) {
			Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
			assertThat(hello.get("ok", Number.class).intValue()).isEqualTo(1);
			MongoCollection<Document> sessions = client.getDatabase("mediafleet").getCollection("sessions");
			sessions.insertOne(new Document("_id", "s-1").append("open", true));
			sessions.updateOne(new Document("_id", "s-1"), new Document("$set", new Document("open", false)));
			assertThat(sessions.find(new Document("_id", "s-1")).first()).containsEntry("open", false);
		}
		finally {
			server.stop();
		}
	}

	@Test
	void unknownEmbeddedMongoDbBackendIsRefusedNamingTheVariable() {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> EmbeddedServers.mongoDb("rocks"))
			.withMessageContaining(EmbeddedServers.MONGODB_BACKEND);
	}

	@Test
	void uriFromTheEnvironmentIsUsedAsGivenAndLeftRunning() {
		RunningServer external = EmbeddedServers.mongoDb();
		try {
			TestServerChoice choice = TestServerChoice.resolve(Map.of(TestServerChoice.MONGODB_URI, external.url()),
					TestServerChoice.MONGODB_URI, () -> {
						throw new AssertionError("Docker must not be asked");
					});
			RunningServer fromEnvironment = TestMongoDb.start(choice);
			assertThat(fromEnvironment.source()).isEqualTo(TestServerSource.ENVIRONMENT);
			assertThat(fromEnvironment.url()).isEqualTo(external.url());
			fromEnvironment.stop();
			try (MongoClient client = MongoClients.create(fromEnvironment.url())) {
				Document ping = client.getDatabase("admin").runCommand(new Document("ping", 1));
				assertThat(ping.get("ok", Number.class).intValue()).isEqualTo(1);
			}
		}
		finally {
			external.stop();
		}
	}

	@Test
	void stoppedEmbeddedMongoDbRefusesConnections() {
		RunningServer server = EmbeddedServers.mongoDb();
		server.stop();
		try (MongoClient client = MongoClients.create(server.url() + "/?serverSelectionTimeoutMS=500")) {
			assertThatExceptionOfType(MongoTimeoutException.class)
				.isThrownBy(() -> client.getDatabase("admin").runCommand(new Document("ping", 1)));
		}
	}

	@Test
	void sharedMongoDbIsStartedOnceAndAnswers() {
		String uri = TestMongoDb.uri();
		assertThat(TestMongoDb.uri()).isSameAs(uri);
		try (MongoClient client = MongoClients.create(uri)) {
			Document ping = client.getDatabase("admin").runCommand(new Document("ping", 1));
			assertThat(ping.get("ok", Number.class).intValue()).isEqualTo(1);
		}
		if (System.getenv(TestServerChoice.MONGODB_URI) != null) {
			assertThat(TestMongoDb.source()).isEqualTo(TestServerSource.ENVIRONMENT);
		}
		else {
			assertThat(TestMongoDb.source()).isIn(TestServerSource.TESTCONTAINERS, TestServerSource.EMBEDDED);
		}
	}

}
