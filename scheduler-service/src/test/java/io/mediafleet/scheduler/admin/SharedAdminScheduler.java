package io.mediafleet.scheduler.admin;

import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * One scheduler for the admin API tests that need only the admin token (token {@code test-admin-token}, radio
 * channels under {@code admin.}, every protocol port chosen by the system): the classes extend this, so they have
 * one configuration and Spring's test context cache starts the scheduler once for all of them. A class that joins
 * must not depend on what the others leave behind.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.admin.token=test-admin-token",
				"mediafleet.scheduler.radio.channel-prefix=admin.", "mediafleet.scheduler.burn.port=0",
				"mediafleet.scheduler.simul.advise-port=0", "mediafleet.scheduler.simul.command-port=0" })
@AutoConfigureRestTestClient
@WithRedis
@WithMongoDb(database = "radio-admin")
abstract class SharedAdminScheduler {

}
