package swarmsync.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code swarmsync config sample}: prints a documented sample of the home's
 * {@code config.json}. Keys starting with {@code _} are comments the daemon ignores.
 */
@Command(name = "config", description = "The configuration file of a home.",
    subcommands = {ConfigCommand.Sample.class})
final class ConfigCommand {
  /** The sample, a resource so that the test that parses it reads the same bytes. */
  static final String SAMPLE_RESOURCE = "/swarmsync/config-sample.json";

  @Command(name = "sample", description = "Print a documented sample config.json.")
  static final class Sample implements Callable<Integer> {
    @Override
    public Integer call() throws IOException {
      System.out.print(sample());
      return 0;
    }
  }

  static String sample() throws IOException {
    try (InputStream in = ConfigCommand.class.getResourceAsStream(SAMPLE_RESOURCE)) {
      if (in == null) {
        throw new IOException("the sample configuration is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
