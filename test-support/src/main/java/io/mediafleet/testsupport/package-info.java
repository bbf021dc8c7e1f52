/**
 * Real Redis and MongoDB servers for integration tests: from the environment, Testcontainers or embedded, one of
 * each per JVM, wired into Spring test contexts by {@link io.mediafleet.testsupport.WithRedis} and
 * {@link io.mediafleet.testsupport.WithMongoDb}.
 */
@NullMarked
package io.mediafleet.testsupport;

import org.jspecify.annotations.NullMarked;
