/**
 * The link hub at {@code /api/socket}: handshake with HS256 JWTs, sessions with heartbeats, resume and replay,
 * requests matched by seq in both directions.
 */
@NullMarked
package io.mediafleet.scheduler.link;

import org.jspecify.annotations.NullMarked;
