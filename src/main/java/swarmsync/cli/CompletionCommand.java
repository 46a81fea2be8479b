package swarmsync.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code swarmsync completion}: prints a bash (and zsh, via bashcompinit) completion script
 * that picocli generates from the command definitions. Use:
 * {@code source <(./swarmsync completion)}.
 */
@Command(name = "completion", description = "Print a bash completion script for swarmsync.")
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CommandSpec root = spec.root();
    System.out.print(AutoComplete.bash(root.name(), root.commandLine()));
    return 0;
  }
}
