/**
 * {@code mediafleet simul ...}: synchronised playback on the player agents.
 */
@NullMarked
package io.mediafleet.cli.simul;

import org.jspecify.annotations.NullMarked;
