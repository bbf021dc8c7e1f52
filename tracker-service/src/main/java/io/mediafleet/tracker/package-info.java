/**
 * The tracker service: application entry point and its settings.
 */
@NullMarked
package io.mediafleet.tracker;

import org.jspecify.annotations.NullMarked;
