package swarmsync.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import swarmsync.config.ConfigException;
import swarmsync.config.PasswordFile;

/**
 * {@code swarmsync password set}: the web interface password, needed before the daemon serves
 * it on a non-loopback address. Stored as a salted Argon2id hash; works offline.
 */
@Command(name = "password", description = "Set the web interface password.",
    subcommands = {PasswordCommand.Set.class})
final class PasswordCommand {

  @Command(name = "set", description = "Set the password: prompted twice without echo on a"
      + " terminal, else read as the first line of standard input.")
  static final class Set implements Callable<Integer> {
    @Mixin HomeOption home;

    @Override
    public Integer call() throws Exception {
      char[] password = read();
      try {
        new PasswordFile(home.layout().create()).set(password);
      } finally {
        Arrays.fill(password, '\0');
      }
      System.out.println("password set; logged-in browsers stay logged in until they log out"
          + " or the daemon restarts");
      return 0;
    }

    private static char[] read() throws IOException, ConfigException {
      Console console = System.console();
      if (console != null) {
        char[] first = console.readPassword("new password: ");
        char[] second = console.readPassword("again: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
          throw new ConfigException("the two passwords differ");
        }
        Arrays.fill(second, '\0');
        return first;
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
          StandardCharsets.UTF_8));
      String line = in.readLine();
      if (line == null || line.isEmpty()) {
        throw new ConfigException("no password on standard input");
      }
      return line.toCharArray();
    }
  }
}
