package io.mediafleet.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mediafleet completion}: prints the bash (and zsh, via bashcompinit) completion script picocli generates
 * from the command tree.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
		description = { "Print a bash/zsh completion script for mediafleet.",
				"Install it with:  bin/mediafleet completion > ~/.local/share/bash-completion/completions/mediafleet",
				"or for this shell:  source <(bin/mediafleet completion)" })
final class CompletionCommand implements Runnable {

	@Spec
	private CommandSpec spec;

	@Override
	public void run() {
		String script = AutoComplete.bash("mediafleet", this.spec.root().commandLine());
		this.spec.commandLine().getOut().print(script);
		this.spec.commandLine().getOut().flush();
	}

}
