package swarmsync;

import picocli.CommandLine;
import swarmsync.cli.SwarmsyncCommand;
import swarmsync.node.DaemonCommand;
import swarmsync.node.RelayCommand;
import swarmsync.node.InviteAcceptCommand;

/** Entry point: {@code swarmsync daemon} runs a node; every other command is the CLI. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    CommandLine cli = SwarmsyncCommand.commandLine(new DaemonCommand(), new RelayCommand());
    cli.getSubcommands().get("invite").addSubcommand(new InviteAcceptCommand());
    System.exit(cli.execute(args));
  }
}
