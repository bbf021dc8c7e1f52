/**
 * JMH benchmarks of the message-schema codecs: messages decoded and encoded per second on one thread.
 */
@NullMarked
package io.mediafleet.benchmarks;

import org.jspecify.annotations.NullMarked;
