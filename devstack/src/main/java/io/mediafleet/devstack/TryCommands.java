package io.mediafleet.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The block devstack prints once it is up: one line to try each part of the suite, run from the repository root,
 * each under a {@code #} comment saying what it shows, so the whole block also pastes into a shell as it is.
 * <p>
 * Each command names this stack's actual ports and paths; the admin token is read from its file when the stack keeps
 * data, and written out when it keeps none.
 */
final class TryCommands {

	/** The line that opens the block. */
	static final String HEADER = "Try each part, one line each, from the repository root:";

	private TryCommands() {
	}

	/**
	 * The block's lines: comments start with {@code #}, every other line is one command.
	 * @param workRoot the stack's working root (the data directory, or a temporary one)
	 */
	static List<String> lines(DevStackSettings settings, Path workRoot, String adminToken, DemoSeed seed,
			DemoSeed.Seeded seeded) {
		Ports ports = settings.ports();
		String admin = "http://localhost:" + ports.get(Port.SCHEDULER) + "/api/admin";
		String token = settings.persistent()
				? "$(cat " + shown(settings.rootDirectory(), workRoot.resolve("admin-token")) + ")" : adminToken;
		String curl = "curl -sS --fail-with-body -w '\\n' -H \"Authorization: Bearer " + token + "\"";
		List<String> lines = new ArrayList<>();

		// A comment, not a command: the browser is the one step a shell cannot take.
		lines.add("# console: everything below, in a browser: open http://localhost:" + ports.get(Port.SCHEDULER)
				+ "/console and sign in with the admin token");
		lines.add("# radio: listen to the demo radio (or: ffplay -nodisp URL, or open it in a browser)");
		lines.add("mpv http://localhost:" + ports.get(Port.STREAMER) + "/radios/" + DemoRadio.RADIO);

		String tsp = "bin/mediafleet tsp" + ((ports.get(Port.TSP) != Port.TSP.defaultPort())
				? " --tracker localhost:" + ports.get(Port.TSP) : "");
		lines.add("# songs: the tracker's catalogue (the streamer shares its library, the demo tones)");
		lines.add(tsp + " list");
		Integer songId = seeded.songId();
		if (songId != null) {
			lines.add("# songs: fetch " + DemoSeed.DEMO_FILE + " from a peer that has it and play it");
			lines.add(tsp + " play " + songId + " | mpg123 -");
		}
		else {
			lines.add("# songs: the tracker listed no demo song yet; take an ID from the list above:");
			lines.add("#   " + tsp + " play <ID> | mpg123 -");
		}

		DemoSeed.Image image = seed.image();
		if (image != null && seeded.burn()) {
			String iso = shown(settings.rootDirectory(), image.path());
			String ejected = shown(settings.rootDirectory(), seed.drive()) + ".ejected";
			lines.add("# burn: queue the demo ISO (" + iso + ", burnt once already) for the burner's stdio: drive and "
					+ "watch it burn to PASS (without --queue/--until: a live full-screen view until Ctrl-C)");
			String url = "http://localhost:" + ports.get(Port.SCHEDULER);
			lines.add("MEDIAFLEET_URL=" + url + " MEDIAFLEET_TOKEN=" + token + " MEDIAFLEET_BURN=localhost:"
					+ ports.get(Port.BURN) + " bin/mediafleet burn watch --queue " + image.md5()
					+ " --priority 5 --until PASS --timeout 50s");
			lines.add("# burn: the burnt discs; each NNNN-PASS.iso starts with the image's " + image.size() + " bytes");
			lines.add("ls " + ejected + " && cmp -n " + image.size() + " " + iso + " " + ejected
					+ "/0001-PASS.iso && echo 'disc 0001 holds the demo ISO'");
		}
		else {
			lines.add("# burn: no demo ISO (see the messages above); docs/burn-farm.md says how to queue your own");
		}

		if (seeded.simul()) {
			lines.add("# simul: start " + DemoSeed.DEMO_FILE + " on every player agent (devstack asked them for it; "
					+ "again once it completed)");
		}
		else {
			lines.add("# simul: ask the player agents for a file, then start it once GET " + admin
					+ "/simul says READY");
			lines.add(curl + " -H 'Content-Type: application/json' -d '{\"filename\":\"" + DemoSeed.DEMO_FILE
					+ "\"}' " + admin + "/simul/file");
		}
		lines.add(curl + " -X POST " + admin + "/simul/start");
		lines.add("# simul: its state (STARTING, PLAYING, COMPLETED) and each player's answer (start: STARTED)");
		lines.add(curl + " " + admin + "/simul");

		if (settings.irc()) {
			lines.add("# irc: ask the simul bot in " + IrcServer.CHANNEL + " for !status (as nick " + IrcServer.OPERATOR
					+ ", which may also say !simul <file>, !start and !stop; any IRC client works)");
			lines.add("bash -c 'exec 3<>/dev/tcp/localhost/" + ports.get(Port.IRC) + "; printf \"NICK "
					+ IrcServer.OPERATOR + "\\r\\nUSER " + IrcServer.OPERATOR + " 0 * :" + IrcServer.OPERATOR
					+ "\\r\\nJOIN " + IrcServer.CHANNEL + "\\r\\nPRIVMSG " + IrcServer.CHANNEL
					+ " :!status\\r\\n\" >&3; timeout 20 grep -a -m1 \"PRIVMSG " + IrcServer.CHANNEL + " :"
					+ IrcServer.OPERATOR + ":\" <&3'");
		}
		else {
			lines.add("# irc: bin/devstack --irc also starts an IRC server (ngircd) with the simul bot in "
					+ IrcServer.CHANNEL);
		}
		lines.add("# grafana, prometheus: with docker compose up only (http://localhost:3000)");
		return lines;
	}

	/**
	 * {@code path} relative to the repository root when it lies inside it, so commands stay short; quoted for the
	 * shell when it holds anything but plain characters.
	 */
	static String shown(Path root, Path path) {
		Path absolute = path.toAbsolutePath().normalize();
		String shown = absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
		return shown.matches("[A-Za-z0-9_./+-]+") ? shown : "'" + shown.replace("'", "'\\''") + "'";
	}

	/** Whether a printed line of the block is a command (not a comment). */
	static boolean isCommand(@Nullable String line) {
		return line != null && !line.isBlank() && !line.startsWith("#");
	}

}
