/**
 * The suite's command line ({@code bin/mediafleet}): the picocli command tree, its exit codes, where the scheduler's
 * address and token come from, and the REST admin client the feature packages share.
 */
@NullMarked
package io.mediafleet.cli;

import org.jspecify.annotations.NullMarked;
