package io.mediafleet.scheduler.console;

import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * One scheduler for the console tests that need nothing but a signed-in console: the classes extend this, so they
 * have one configuration and Spring's test context cache starts the scheduler once for all of them instead of once
 * per class. A class that needs other settings (a radio channel prefix, a health interval, simul keys) keeps its
 * own; one that joins here must not depend on what the others leave behind (each seeds and clears what it counts).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.admin.token=" + SharedConsoleScheduler.TOKEN,
				"mediafleet.scheduler.simul.enabled=false", "mediafleet.scheduler.burn.port=0" })
@WithRedis
@WithMongoDb(database = "console-shared-tests")
abstract class SharedConsoleScheduler {

	static final String TOKEN = "console-shared-token-0123456789abcdef";

}
