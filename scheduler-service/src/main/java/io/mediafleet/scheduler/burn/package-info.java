/**
 * The burn farm: a durable burn queue in MongoDB, the burner registry and its state machine, and the 'Buntu Stand
 * TCP line server for burners, command and display clients.
 */
@NullMarked
package io.mediafleet.scheduler.burn;

import org.jspecify.annotations.NullMarked;
