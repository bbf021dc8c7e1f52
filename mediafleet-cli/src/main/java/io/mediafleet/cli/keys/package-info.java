/**
 * {@code mediafleet keys}: makes the key pairs the suite's ports are secured with.
 */
@NullMarked
package io.mediafleet.cli.keys;

import org.jspecify.annotations.NullMarked;
