/**
 * The HTTP port's admission before any request is read: open connections per source address, counted at accept.
 */
@NullMarked
package io.mediafleet.scheduler.http;

import org.jspecify.annotations.NullMarked;
