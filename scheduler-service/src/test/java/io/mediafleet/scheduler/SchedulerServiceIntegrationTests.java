package io.mediafleet.scheduler;

import java.util.Set;

import io.mediafleet.testsupport.ActuatorContractTests;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduler-service boots and keeps the actuator contract every Mediafleet service keeps. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@AutoConfigureMetrics
@WithRedis
@WithMongoDb
class SchedulerServiceIntegrationTests extends ActuatorContractTests {

	@Override
	protected String application() {
		return "scheduler-service";
	}

	@Override
	protected Set<String> backingServices() {
		return Set.of("redis", "mongo");
	}

	@Test
	void redisTemplateWritesAndReadsTheRealServer(@Autowired StringRedisTemplate redis) {
		redis.opsForValue().set("mediafleet:test:scheduler", "on air");
		assertThat(redis.opsForValue().get("mediafleet:test:scheduler")).isEqualTo("on air");
	}

	@Test
	void mongoTemplateWritesAndReadsTheRealServer(@Autowired MongoTemplate mongo) {
		mongo.save(new Document("_id", "radio-1").append("name", "Test FM"), "radios");
		Document found = mongo.findById("radio-1", Document.class, "radios");
		assertThat(found).isNotNull().containsEntry("name", "Test FM");
		assertThat(mongo.getDb().getName()).isEqualTo("mediafleet-test");
	}

}
