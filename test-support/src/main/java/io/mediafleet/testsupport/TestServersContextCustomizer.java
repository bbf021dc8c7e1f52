package io.mediafleet.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Adds the shared servers' connection properties to a test context's environment. A record, so equal requests share
 * one cached context.
 *
 * @param redis whether to connect to {@link TestRedis}
 * @param mongoDatabase the database to use on {@link TestMongoDb}, or {@code null} for no MongoDB
 */
record TestServersContextCustomizer(boolean redis, @Nullable String mongoDatabase) implements ContextCustomizer {

	static final String PROPERTY_SOURCE_NAME = "mediafleetTestServers";

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (this.redis) {
			properties.put("spring.data.redis.url", TestRedis.url());
		}
		if (this.mongoDatabase != null) {
			properties.put("spring.mongodb.uri", TestMongoDb.uri());
			properties.put("spring.mongodb.database", this.mongoDatabase);
		}
		MutablePropertySources sources = context.getEnvironment().getPropertySources();
		MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, properties);
		// Above application.yml, below properties the test itself inlines, so a test can still override a value.
		String inlined = TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME;
		if (sources.contains(inlined)) {
			sources.addAfter(inlined, source);
		}
		else {
			sources.addFirst(source);
		}
	}

}
