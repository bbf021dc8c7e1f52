/**
 * The operator console: server-rendered pages at {@code /console} for people who run the fleet, signed in with the
 * admin token, kept live over server-sent events, acting through the REST admin API.
 */
@NullMarked
package io.mediafleet.scheduler.console;

import org.jspecify.annotations.NullMarked;
