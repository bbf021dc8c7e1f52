package io.mediafleet.testsupport;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Turns {@link WithRedis} and {@link WithMongoDb} on a test class (or an enclosing or super class) into a
 * {@link TestServersContextCustomizer}; registered in {@code META-INF/spring.factories}.
 */
class TestServersContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		WithRedis redis = TestContextAnnotationUtils.findMergedAnnotation(testClass, WithRedis.class);
		WithMongoDb mongoDb = TestContextAnnotationUtils.findMergedAnnotation(testClass, WithMongoDb.class);
		if (redis == null && mongoDb == null) {
			return null;
		}
		return new TestServersContextCustomizer(redis != null, (mongoDb != null) ? mongoDb.database() : null);
	}

}
