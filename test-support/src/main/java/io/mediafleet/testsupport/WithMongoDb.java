package io.mediafleet.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points the Spring test context at the JVM's shared {@link TestMongoDb} by setting {@code spring.mongodb.uri} and
 * {@code spring.mongodb.database}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithMongoDb {

	/** Database the context uses; tests sharing a database share its data. */
	String database() default "mediafleet-test";

}
