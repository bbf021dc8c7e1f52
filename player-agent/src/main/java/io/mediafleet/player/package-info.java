/**
 * The player agent: application entry point, its settings and its name on the simul buses.
 */
@NullMarked
package io.mediafleet.player;

import org.jspecify.annotations.NullMarked;
