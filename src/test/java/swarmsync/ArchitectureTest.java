package swarmsync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The package table of STYLE.md as code: who may import whom. */
class ArchitectureTest {
  private static final List<String> ALL = List.of("util", "keys", "record", "bencode", "ignore",
      "protocol", "crypt", "tracker", "dht", "nat", "relay", "net", "discovery", "fs", "scan", "index",
      "archive", "sync", "invite", "config", "node", "api", "cli");

  /** For each package, the packages of ours it may import (besides itself). */
  private static final Map<String, List<String>> ALLOWED = Map.ofEntries(
      Map.entry("util", List.of()),
      Map.entry("keys", List.of("util")),
      Map.entry("record", List.of("util", "keys")),
      Map.entry("bencode", List.of("util")),
      Map.entry("ignore", List.of("util")),
      Map.entry("protocol", List.of("keys", "record", "util")),
      Map.entry("crypt", List.of("keys", "record", "util")),
      Map.entry("fs", List.of("util")),
      Map.entry("tracker", List.of("bencode", "util")),
      Map.entry("dht", List.of("bencode", "util")),
      Map.entry("relay", List.of("util")),
      Map.entry("nat", List.of("util")),
      Map.entry("config", List.of("keys", "util")),
      Map.entry("index", List.of("record", "keys", "util")),
      Map.entry("scan", List.of("fs", "ignore", "record", "util")),
      Map.entry("archive", List.of("fs", "util")),
      Map.entry("discovery", List.of("keys", "record", "tracker", "dht", "util")),
      Map.entry("net", List.of("protocol", "keys", "record", "relay", "util")),
      Map.entry("sync", List.of("index", "scan", "archive", "fs", "ignore", "record", "keys",
          "util")),
      Map.entry("invite", List.of("index", "keys", "util")),
      Map.entry("api", List.of("node", "record", "keys", "config", "util")),
      Map.entry("cli", List.of("api", "keys", "config", "util")));

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("swarmsync");
  }

  @TestFactory
  Stream<DynamicTest> eachPackageImportsOnlyWhatTheTableAllows() {
    return ALLOWED.entrySet().stream().map(entry -> DynamicTest.dynamicTest(
        entry.getKey() + " imports only " + entry.getValue(), () -> {
          String[] forbidden = ALL.stream()
              .filter(p -> !p.equals(entry.getKey()) && !entry.getValue().contains(p))
              .map(p -> "swarmsync." + p + "..")
              .toArray(String[]::new);
          noClasses().that().resideInAPackage("swarmsync." + entry.getKey() + "..")
              .should().dependOnClassesThat().resideInAnyPackage(forbidden)
              .allowEmptyShould(true)
              .check(classes);
        }));
  }

  @Test
  void pureAndDiskFreePackagesUseNoNetworkFilesOrSql() {
    noClasses().that().resideInAnyPackage("swarmsync.keys..", "swarmsync.record..", "swarmsync.crypt..",
            "swarmsync.bencode..", "swarmsync.ignore..")
        .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.file..",
            "java.sql..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void onlyTheIndexUsesSql() {
    noClasses().that().resideOutsideOfPackage("swarmsync.index..")
        .should().dependOnClassesThat().resideInAPackage("java.sql..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void connectionsNeverTouchTheIndexOrTheEngine() {
    noClasses().that().resideInAPackage("swarmsync.net..")
        .should().dependOnClassesThat().resideInAnyPackage("swarmsync.index..",
            "swarmsync.fs..", "swarmsync.sync..")
        .allowEmptyShould(true)
        .check(classes);
  }

}
