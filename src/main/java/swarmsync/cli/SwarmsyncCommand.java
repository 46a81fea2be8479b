package swarmsync.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code swarmsync} command: its subcommands are the whole CLI. */
@Command(name = "swarmsync", mixinStandardHelpOptions = true, version = "swarmsync 0.1.0",
    description = "Peer-to-peer folder sync: a folder is its secret key.",
    subcommands = {KeyCommand.class, FolderCommand.class, ArchiveCommand.class,
        InviteCommand.class,
        StatusCommand.class, StopCommand.class, PasswordCommand.class, ConfigCommand.class,
        CompletionCommand.class, CommandLine.HelpCommand.class})
public final class SwarmsyncCommand {

  /**
   * A command line whose errors are one line on stderr: exit 2 for usage errors, 1 for
   * failures.
   */
  public static CommandLine commandLine(Object... moreSubcommands) {
    CommandLine cli = new CommandLine(new SwarmsyncCommand());
    for (Object sub : moreSubcommands) {
      cli.addSubcommand(sub);
    }
    cli.setParameterExceptionHandler((e, args) -> {
      e.getCommandLine().getErr().println("swarmsync: " + e.getMessage()
          + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
      return 2;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("swarmsync: " + oneLine(e));
      return 1;
    });
    return cli;
  }

  static String oneLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline >= 0 ? message.substring(0, newline) : message;
  }
}
