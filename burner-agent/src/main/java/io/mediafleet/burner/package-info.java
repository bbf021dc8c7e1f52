/**
 * The burner agent: application entry point and its settings.
 */
@NullMarked
package io.mediafleet.burner;

import org.jspecify.annotations.NullMarked;
