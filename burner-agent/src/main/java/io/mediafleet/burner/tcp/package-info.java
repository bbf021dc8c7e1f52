/**
 * The burner's side of the 'Buntu Stand TCP line protocol.
 */
@NullMarked
package io.mediafleet.burner.tcp;

import org.jspecify.annotations.NullMarked;
