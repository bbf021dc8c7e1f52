/**
 * The web port's admission before any request is read: open connections per source address, counted at accept (the
 * same classes as the scheduler's {@code io.mediafleet.scheduler.http}).
 */
@NullMarked
package io.mediafleet.streamer.http;

import org.jspecify.annotations.NullMarked;
