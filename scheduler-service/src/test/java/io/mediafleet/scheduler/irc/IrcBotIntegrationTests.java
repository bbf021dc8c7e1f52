package io.mediafleet.scheduler.irc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.mediafleet.scheduler.SchedulerProperties;
import io.mediafleet.scheduler.simul.SimulRig;
import io.mediafleet.scheduler.simul.SimulState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simul bot against a real ngircd on loopback, driven by raw-socket test clients.
 */
class IrcBotIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final String CHANNEL = "#watch";

	@TempDir
	Path temp;

	private SimulRig rig;

	private NgircdServer server;

	private IrcBot bot;

	@BeforeEach
	void startServerMasterAndBot() throws Exception {
		this.rig = new SimulRig(Files.createDirectories(this.temp.resolve("rig")));
		this.server = new NgircdServer(Files.createDirectories(this.temp.resolve("ngircd")));
		SchedulerProperties.Irc settings = new SchedulerProperties.Irc(true, "127.0.0.1", this.server.port(), CHANNEL,
				"simulbot", false, null, null, List.of("alice"), Duration.ofMillis(50), 5, Duration.ofMillis(100),
				Duration.ofSeconds(1));
		this.bot = new IrcBot(settings, new SimulCommands(this.rig.master, settings.allowedNicks()), this.rig.meters);
		this.rig.master.addListener(this.bot);
		this.bot.start();
		await().atMost(PATIENCE).until(this.bot::isJoined);
	}

	@AfterEach
	void stopAll() throws Exception {
		this.bot.stop();
		this.server.close();
		this.rig.close();
	}

	@Test
	void operatorRunsASimulFromIrcAndTheBotAnnouncesEachStep() throws Exception {
		Path tone = this.rig.tone("tone.mp3", 440, 2);
		this.rig.agent("den", this.rig.mediaDirectory("den", tone));
		await().atMost(PATIENCE).until(() -> this.rig.master.status().slaves().size() == 1);
		try (IrcTestClient alice = new IrcTestClient(this.server.port(), "alice")) {
			alice.join(CHANNEL);

			alice.say(CHANNEL, "!simul tone.mp3");
			assertThat(alice.expectMessage(CHANNEL, "alice: ", PATIENCE)).contains("looking for tone.mp3");
			assertThat(alice.expectMessage(CHANNEL, "is ready", PATIENCE)).contains("simul tone.mp3 is ready on 1 slave");

			alice.say(CHANNEL, "!status");
			assertThat(alice.expectMessage(CHANNEL, "alice: simul:", PATIENCE)).contains("ready")
				.contains("file tone.mp3")
				.contains("1 live slave");

			alice.say(CHANNEL, "!slaves");
			alice.expectMessage(CHANNEL, "alice: 1 live slave(s):", PATIENCE);
			assertThat(alice.expectMessage(CHANNEL, "alice: den:", PATIENCE)).contains("file ok").contains("md5 ");

			alice.say(CHANNEL, "!start");
			assertThat(alice.expectMessage(CHANNEL, "alice: starting tone.mp3", PATIENCE)).contains(" ms (at ");
			assertThat(alice.expectMessage(CHANNEL, "playing on", PATIENCE)).contains("simul tone.mp3: playing on den");
			assertThat(alice.expectMessage(CHANNEL, "completed", PATIENCE)).contains("completed on every slave");
			assertThat(this.rig.master.status().state()).isEqualTo(SimulState.COMPLETED);
		}
	}

	@Test
	void badArgumentsUnknownCommandsAndStrangersGetAPoliteReply() throws Exception {
		try (IrcTestClient alice = new IrcTestClient(this.server.port(), "alice");
				IrcTestClient bob = new IrcTestClient(this.server.port(), "bob")) {
			alice.join(CHANNEL);
			bob.join(CHANNEL);

			alice.say(CHANNEL, "!simul");
			assertThat(alice.expectMessage(CHANNEL, "alice: ", PATIENCE))
				.isEqualTo("alice: usage: !simul <file> [late=wait|start-without|abort]");
			alice.say(CHANNEL, "!simul film.mkv late=never");
			assertThat(alice.expectMessage(CHANNEL, "alice: ", PATIENCE))
				.isEqualTo("alice: unknown late policy 'never': use wait, start-without or abort");
			alice.say(CHANNEL, "!start now");
			assertThat(alice.expectMessage(CHANNEL, "alice: ", PATIENCE)).isEqualTo("alice: usage: !start (no arguments)");
			alice.say(CHANNEL, "!start");
			assertThat(alice.expectMessage(CHANNEL, "alice: ", PATIENCE)).isEqualTo("alice: !start failed: no simul: use !simul <file> first");
			alice.say(CHANNEL, "!pause");
			assertThat(alice.expectMessage(CHANNEL, "alice: ", PATIENCE))
				.isEqualTo("alice: !pause failed: no simul is playing (idle)");
			alice.say(CHANNEL, "!seek");
			assertThat(alice.expectMessage(CHANNEL, "alice: ", PATIENCE)).isEqualTo("alice: usage: !seek mm:ss");
			alice.say(CHANNEL, "!seek 1:75");
			assertThat(alice.expectMessage(CHANNEL, "alice: ", PATIENCE))
				.isEqualTo("alice: !seek failed: '1:75' is not a position: minutes and seconds go up to 59");
			alice.say(CHANNEL, "!sync");
			assertThat(alice.expectMessage(CHANNEL, "alice: ", PATIENCE)).isEqualTo("alice: nothing is playing");
			alice.say(CHANNEL, "!dance");
			assertThat(alice.expectMessage(CHANNEL, "alice: ", PATIENCE)).isEqualTo("alice: unknown command !dance; try !help");

			bob.say(CHANNEL, "!resume");
			assertThat(bob.expectMessage(CHANNEL, "bob: ", PATIENCE)).startsWith("bob: sorry bob, only the simul operators may use !resume");
			bob.say(CHANNEL, "!simul tone.mp3");
			assertThat(bob.expectMessage(CHANNEL, "bob: ", PATIENCE)).startsWith("bob: sorry bob, only the simul operators may use !simul");
			assertThat(this.rig.master.status().state()).isEqualTo(SimulState.IDLE);

			// Read-only commands are for everyone, also in a private message.
			bob.say("simulbot", "!status");
			assertThat(bob.expectMessage("bob", "simul:", PATIENCE)).startsWith("simul: idle");
		}
		assertThat(this.rig.meters.get("mediafleet.irc.commands").tag("command", "unknown").counter().count())
			.isEqualTo(1);
	}

	@Test
	void botRejoinsAfterTheServerRestarts() throws Exception {
		this.server.stop();
		await().atMost(PATIENCE).until(() -> !this.bot.isJoined());
		this.server.start();
		await().atMost(PATIENCE).until(this.bot::isJoined);
		try (IrcTestClient alice = new IrcTestClient(this.server.port(), "alice")) {
			alice.join(CHANNEL);
			alice.say(CHANNEL, "!help");
			assertThat(alice.expectMessage(CHANNEL, "alice: ", PATIENCE)).contains("!simul <file>").contains("!slaves");
		}
	}

}
