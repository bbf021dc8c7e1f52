package io.mediafleet.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command that talks to the scheduler shares ({@code --config}, {@code --token-stdin},
 * {@code --output}), and where the scheduler's address and admin token come from.
 * <p>
 * The token is never a plain command-line flag (it would land in shell history and {@code ps}): it comes from
 * {@code MEDIAFLEET_TOKEN}, the config file's {@code token} (or {@code token-file}), or standard input with
 * {@code --token-stdin}. The environment overrides the file. The file is {@code --config FILE}, else
 * {@code $MEDIAFLEET_CONFIG}, else {@code $XDG_CONFIG_HOME/mediafleet/cli.properties}
 * ({@code ~/.config/mediafleet/cli.properties}); keys {@code url}, {@code token}, {@code token-file}, {@code burn},
 * {@code burn-token}.
 */
public final class SchedulerOptions {

	/** The scheduler's HTTP address when nothing else says. */
	public static final String DEFAULT_URL = "http://localhost:8080";

	/** The burn farm's TCP port (the original's). */
	public static final int DEFAULT_BURN_PORT = 1337;

	@Spec(Spec.Target.MIXEE)
	private CommandSpec mixee;

	@Option(names = "--config", paramLabel = "FILE",
			description = "Settings file (url, token, token-file, burn); default ~/.config/mediafleet/cli.properties.")
	private @Nullable Path config;

	@Option(names = "--token-stdin", description = "Read the admin token from the first line of standard input.")
	private boolean tokenFromStdin;

	@Option(names = { "-o", "--output" }, paramLabel = "FORMAT", defaultValue = "text",
			description = "text (for people, default) or json (for scripts).")
	private OutputFormat output = OutputFormat.text;

	private @Nullable Properties loaded;

	private @Nullable String stdinToken;

	/** Output formats. */
	public enum OutputFormat {

		/** Aligned columns and sentences. */
		text,

		/** One JSON document (or one per line for {@code burn watch}). */
		json

	}

	/** The chosen output format. */
	public OutputFormat output() {
		return this.output;
	}

	/** Whether the output is JSON. */
	public boolean json() {
		return this.output == OutputFormat.json;
	}

	/** The world the command runs in. */
	public Terminal terminal() {
		return Terminal.of(this.mixee);
	}

	/** The scheduler's base URL: {@code MEDIAFLEET_URL}, the file's {@code url}, else {@value #DEFAULT_URL}. */
	public URI url() {
		String url = setting("MEDIAFLEET_URL", "url");
		String text = (url != null) ? url : DEFAULT_URL;
		try {
			URI uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
			if (uri.getScheme() == null || uri.getHost() == null) {
				throw new IllegalArgumentException("not an http(s) URL");
			}
			return uri;
		}
		catch (IllegalArgumentException ex) {
			throw new CliException(ExitCode.USAGE, "bad scheduler URL '" + text + "': " + ex.getMessage());
		}
	}

	/** The admin token, or {@code null} when none is configured. */
	public @Nullable String token() {
		if (this.tokenFromStdin) {
			if (this.stdinToken == null) {
				try {
					BufferedReader reader = new BufferedReader(
							new InputStreamReader(terminal().in(), StandardCharsets.UTF_8));
					String line = reader.readLine();
					this.stdinToken = (line != null) ? line.strip() : "";
				}
				catch (IOException ex) {
					throw new CliException(ExitCode.USAGE, "--token-stdin: cannot read standard input: " + ex.getMessage());
				}
			}
			return this.stdinToken.isEmpty() ? null : this.stdinToken;
		}
		String token = setting("MEDIAFLEET_TOKEN", "token");
		if (token != null) {
			return token.strip();
		}
		String tokenFile = setting("MEDIAFLEET_TOKEN_FILE", "token-file");
		if (tokenFile != null) {
			try {
				return Files.readString(Path.of(tokenFile)).strip();
			}
			catch (IOException ex) {
				throw new CliException(ExitCode.USAGE, "cannot read the token file " + tokenFile + ": " + ex.getMessage());
			}
		}
		return null;
	}

	/**
	 * The burn farm's TCP address {@code host:port}: {@code MEDIAFLEET_BURN}, the file's {@code burn}, else the
	 * scheduler URL's host and port {@value #DEFAULT_BURN_PORT}.
	 */
	public String burnAddress() {
		String burn = setting("MEDIAFLEET_BURN", "burn");
		return (burn != null) ? burn : url().getHost() + ":" + DEFAULT_BURN_PORT;
	}

	/**
	 * The control token for the burn farm's TCP port ({@code AUTH}): {@code MEDIAFLEET_BURN_TOKEN}, else the file's
	 * {@code burn-token}, else {@code null} (then {@code burn watch} mints one with the admin token).
	 */
	public @Nullable String burnToken() {
		String token = setting("MEDIAFLEET_BURN_TOKEN", "burn-token");
		return (token != null) ? token.strip() : null;
	}

	/** A client of the scheduler's REST admin API. */
	public AdminClient admin() {
		return new AdminClient(url(), token());
	}

	private @Nullable String setting(String variable, String key) {
		String value = terminal().environment().get(variable);
		if (value != null && !value.isBlank()) {
			return value;
		}
		value = file().getProperty(key);
		return (value != null && !value.isBlank()) ? value.strip() : null;
	}

	private Properties file() {
		if (this.loaded == null) {
			Properties properties = new Properties();
			Path path = configFile();
			if (path != null && (this.config != null || Files.isRegularFile(path))) {
				try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
					properties.load(reader);
				}
				catch (IOException ex) {
					throw new CliException(ExitCode.USAGE, "cannot read the config file " + path + ": " + ex.getMessage());
				}
			}
			this.loaded = properties;
		}
		return this.loaded;
	}

	private @Nullable Path configFile() {
		if (this.config != null) {
			return this.config;
		}
		var environment = terminal().environment();
		if (environment.get("MEDIAFLEET_CONFIG") != null) {
			return Path.of(environment.get("MEDIAFLEET_CONFIG"));
		}
		String xdg = environment.get("XDG_CONFIG_HOME");
		if (xdg != null && !xdg.isBlank()) {
			return Path.of(xdg, "mediafleet", "cli.properties");
		}
		String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
		return (home != null) ? Path.of(home, ".config", "mediafleet", "cli.properties") : null;
	}

}
