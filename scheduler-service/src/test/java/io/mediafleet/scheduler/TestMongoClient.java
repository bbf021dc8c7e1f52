package io.mediafleet.scheduler;

import java.util.Objects;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.data.mongodb.core.MongoTemplate;

import io.mediafleet.testsupport.TestMongoDb;

/**
 * One MongoDB client per test class, on the server test-support chose (URL from the environment, Testcontainers, or
 * the embedded server), closed after the class. Register it with {@code @RegisterExtension static final}.
 */
public final class TestMongoClient implements BeforeAllCallback, AfterAllCallback {

	private MongoClient client;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.client = MongoClients.create(TestMongoDb.uri());
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.client != null) {
			this.client.close();
			this.client = null;
		}
	}

	/** The class's client. */
	public MongoClient client() {
		return Objects.requireNonNull(this.client, "used outside the test class");
	}

	/** A template on {@code database}, dropped first, so each test starts empty. */
	public MongoTemplate freshTemplate(String database) {
		MongoTemplate template = new MongoTemplate(client(), database);
		template.getDb().drop();
		return template;
	}

}
