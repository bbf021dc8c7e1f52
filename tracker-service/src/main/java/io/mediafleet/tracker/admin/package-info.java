/**
 * Read-only REST view of the tracker's catalogue and peers, plus kicking a peer, behind an optional bearer token.
 */
@NullMarked
package io.mediafleet.tracker.admin;

import org.jspecify.annotations.NullMarked;
