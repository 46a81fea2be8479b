package swarmsync.cli;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import swarmsync.keys.FolderKey;
import swarmsync.util.Hex;

/** {@code swarmsync key ...}: make keys and derive the weaker ones. Works offline. */
@Command(name = "key", description = "Create and derive folder keys.",
    subcommands = {KeyCommand.New.class, KeyCommand.ReadOnly.class, KeyCommand.Encrypted.class,
        KeyCommand.Info.class})
final class KeyCommand {

  @Command(name = "new", description = "Print a new read-write key (A...).")
  static final class New implements Callable<Integer> {
    @Override
    public Integer call() {
      System.out.println(FolderKey.newReadWrite(new SecureRandom()).encode());
      return 0;
    }
  }

  @Command(name = "ro", description = "Print the read-only key (B...) of a read-write key.")
  static final class ReadOnly implements Callable<Integer> {
    @Parameters(paramLabel = "KEY") String key;

    @Override
    public Integer call() {
      System.out.println(FolderKey.parse(key).readOnly().encode());
      return 0;
    }
  }

  @Command(name = "encrypted", description = "Print the encrypted key (E...) of an A or B key.")
  static final class Encrypted implements Callable<Integer> {
    @Parameters(paramLabel = "KEY") String key;

    @Override
    public Integer call() {
      System.out.println(FolderKey.parse(key).encrypted().encode());
      return 0;
    }
  }

  @Command(name = "info", description = "Show a key's kind and discovery id.")
  static final class Info implements Callable<Integer> {
    @Option(names = "--json", description = "Print JSON.") boolean json;
    @Parameters(paramLabel = "KEY") String key;

    @Override
    public Integer call() throws Exception {
      FolderKey parsed = FolderKey.parse(key);
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("kind", parsed.kind().jsonName());
      info.put("discovery_id", Hex.encode(parsed.discoveryId()));
      if (json) {
        Output.printJson(info);
      } else {
        System.out.println("kind          " + parsed.kind().jsonName());
        System.out.println("discovery id  " + info.get("discovery_id"));
        System.out.println("can write     " + parsed.canWrite());
      }
      return 0;
    }
  }
}
