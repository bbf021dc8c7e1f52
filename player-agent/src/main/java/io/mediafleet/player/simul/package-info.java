/**
 * The player agent's side of simul: connects to the master's two ZeroMQ buses and obeys its commands.
 */
@NullMarked
package io.mediafleet.player.simul;

import org.jspecify.annotations.NullMarked;
