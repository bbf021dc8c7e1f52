package io.mediafleet.cli;

import java.io.IOException;
import java.net.ServerSocket;

import io.mediafleet.scheduler.SchedulerApplication;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one real scheduler every packaged-command-line test class talks to: the classes extend this, so they have one
 * configuration and Spring's test context cache starts the scheduler once for all of them. The burn server and the
 * simul buses listen on ports chosen here, because the burner and player agents must know them (and the burn server
 * is stopped and started again on its port). Each class leaves the shared state as it found it (queue cleared, simul
 * stopped).
 */
@SpringBootTest(classes = SchedulerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.admin.token=" + RunningScheduler.TOKEN,
				"mediafleet.scheduler.simul.security=plain" })
@WithRedis
@WithMongoDb(database = "cli-integration-tests")
abstract class RunningScheduler {

	static final String TOKEN = "cli-test-admin-token";

	static final int BURN_PORT = freePort();

	static final int ADVISE_PORT = freePort();

	static final int COMMAND_PORT = freePort();

	@DynamicPropertySource
	static void ports(DynamicPropertyRegistry registry) {
		registry.add("mediafleet.scheduler.burn.port", () -> BURN_PORT);
		registry.add("mediafleet.scheduler.simul.advise-port", () -> ADVISE_PORT);
		registry.add("mediafleet.scheduler.simul.command-port", () -> COMMAND_PORT);
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
