/**
 * Read-only REST view of the tracker's catalogue and peers, plus kicking a peer, behind a bearer token (configured, or generated at startup).
 */
@NullMarked
package io.mediafleet.tracker.admin;

import org.jspecify.annotations.NullMarked;
