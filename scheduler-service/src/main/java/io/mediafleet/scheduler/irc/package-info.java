/**
 * The IRC bot that drives synchronised playback: a small RFC 1459 client over a plain (or TLS) socket.
 */
@NullMarked
package io.mediafleet.scheduler.irc;

import org.jspecify.annotations.NullMarked;
