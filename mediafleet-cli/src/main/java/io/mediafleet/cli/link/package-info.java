/**
 * {@code mediafleet link ...}: tokens for the link's slaves and controls.
 */
@NullMarked
package io.mediafleet.cli.link;

import org.jspecify.annotations.NullMarked;
