/**
 * {@code mediafleet radio ...}: the radios, their song on air and listeners, force-stop.
 */
@NullMarked
package io.mediafleet.cli.radio;

import org.jspecify.annotations.NullMarked;
