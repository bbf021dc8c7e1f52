package io.mediafleet.testsupport;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

@SpringJUnitConfig(TestServersContextCustomizerIntegrationTests.Empty.class)
@WithRedis
@WithMongoDb
class TestServersContextCustomizerIntegrationTests {

	@Autowired
	private Environment environment;

	@Test
	void annotatedContextPointsAtTheSharedServers() {
		assertThat(this.environment.getProperty("spring.data.redis.url")).isEqualTo(TestRedis.url());
		assertThat(this.environment.getProperty("spring.mongodb.uri")).isEqualTo(TestMongoDb.uri());
		assertThat(this.environment.getProperty("spring.mongodb.database")).isEqualTo("mediafleet-test");
	}

	@Nested
	@TestPropertySource(properties = "spring.mongodb.database=overridden")
	class InlinedProperties {

		@Autowired
		private Environment environment;

		@Test
		void inlinedTestPropertiesStillWin() {
			assertThat(this.environment.getProperty("spring.mongodb.database")).isEqualTo("overridden");
			assertThat(this.environment.getProperty("spring.data.redis.url")).isEqualTo(TestRedis.url());
		}

	}

	@Test
	void customizersForTheSameAnnotationsAreEqualSoContextsAreShared() {
		TestServersContextCustomizerFactory factory = new TestServersContextCustomizerFactory();
		assertThat(factory.createContextCustomizer(TestServersContextCustomizerIntegrationTests.class, List.of()))
			.isEqualTo(new TestServersContextCustomizer(true, "mediafleet-test"));
		assertThat(factory.createContextCustomizer(Empty.class, List.of())).isNull();
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
