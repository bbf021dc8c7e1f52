/**
 * The streamer service: application entry point, its settings and its identity towards the scheduler.
 */
@NullMarked
package io.mediafleet.streamer;

import org.jspecify.annotations.NullMarked;
