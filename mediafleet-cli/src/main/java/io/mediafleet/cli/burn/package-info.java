/**
 * {@code mediafleet burn ...}: the burn farm's queue and burners over the REST admin API, and {@code burn watch}, a
 * live DISPLAY client of the burn protocol over TCP.
 */
@NullMarked
package io.mediafleet.cli.burn;

import org.jspecify.annotations.NullMarked;
