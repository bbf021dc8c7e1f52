/**
 * The developer stack: embedded Redis and MongoDB plus every Mediafleet service as a child process, in one command.
 */
@NullMarked
package io.mediafleet.devstack;

import org.jspecify.annotations.NullMarked;
