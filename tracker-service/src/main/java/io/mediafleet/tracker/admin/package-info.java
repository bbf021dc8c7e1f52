/**
 * Read-only REST view of the tracker's catalogue and peers, plus kicking a peer, behind a bearer token (configured;
 * without one every request is refused).
 */
@NullMarked
package io.mediafleet.tracker.admin;

import org.jspecify.annotations.NullMarked;
