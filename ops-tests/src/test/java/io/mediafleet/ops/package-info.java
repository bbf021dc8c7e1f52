/**
 * Tests of the files operators run: docker compose, the Helm chart, Prometheus and the Grafana dashboards.
 */
@NullMarked
package io.mediafleet.ops;

import org.jspecify.annotations.NullMarked;
