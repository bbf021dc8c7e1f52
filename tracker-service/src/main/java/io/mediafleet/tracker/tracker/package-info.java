/**
 * The TSP tracker: a Netty server keeping the catalogue of which peer hosts which song and broadcasting it.
 */
@NullMarked
package io.mediafleet.tracker.tracker;

import org.jspecify.annotations.NullMarked;
