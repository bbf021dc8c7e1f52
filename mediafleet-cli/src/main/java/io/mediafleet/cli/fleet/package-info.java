/**
 * {@code mediafleet fleet status}: every service, agent and streamer with its health.
 */
@NullMarked
package io.mediafleet.cli.fleet;

import org.jspecify.annotations.NullMarked;
