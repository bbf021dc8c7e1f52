/**
 * Burning and verifying: the ISO library with cached md5s, xorriso as the burn tool, read-back verification.
 */
@NullMarked
package io.mediafleet.burner.burn;

import org.jspecify.annotations.NullMarked;
