/**
 * The 'Buntu Stand burn-farm text protocol: typed messages, a streaming decoder and an encoder.
 */
@NullMarked
package io.mediafleet.schema.burn;

import org.jspecify.annotations.NullMarked;
