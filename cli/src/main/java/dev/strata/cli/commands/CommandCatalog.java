package dev.strata.cli.commands;

import java.util.List;
import picocli.CommandLine;

/**
 * Every verb of {@code strata} by name, with the subcommands of the verbs that group them, in the
 * order help lists them. The names are those of the classes' {@code @Command} annotations (a test
 * checks that they agree): with them, a run registers with picocli only the command it runs,
 * without reading every command class's annotations, since picocli builds a model of each
 * registered command by reflection, the largest part of a command's start.
 */
final class CommandCatalog {
  private CommandCatalog() {}

  /**
   * A command: its name, its class and, for a group, its subcommands.
   *
   * @param name the command name
   * @param type the annotated command class
   * @param subcommands the subcommands of a group (empty for a plain verb)
   */
  record Entry(String name, Class<?> type, List<Entry> subcommands) {}

  private static Entry verb(String name, Class<?> type) {
    return new Entry(name, type, List.of());
  }

  private static Entry group(String name, Class<?> type, Entry... subcommands) {
    return new Entry(name, type, List.of(subcommands));
  }

  static final List<Entry> VERBS = List.of(
      verb("demo", DemoCommand.class),
      group("repo", RepoCommand.class,
          verb("init", RepoInit.class),
          verb("commit", RepoCommit.class),
          verb("checkout", RepoCheckout.class),
          verb("log", RepoLog.class),
          verb("show", RepoShow.class),
          verb("ls", RepoLs.class),
          verb("cat", RepoCat.class),
          verb("refs", RepoRefs.class),
          verb("rev-parse", RepoRevParse.class),
          verb("fsck", RepoFsck.class),
          verb("prune", RepoPrune.class),
          verb("summary", RepoSummary.class)),
      group("pkg", PkgCommand.class,
          verb("info", PkgInfoCommand.class),
          verb("contents", PkgContentsCommand.class)),
      verb("status", StatusCommand.class),
      verb("rollback", RollbackCommand.class),
      verb("kargs", KargsCommand.class),
      verb("cleanup", CleanupCommand.class),
      group("admin", AdminCommand.class,
          verb("init-fs", AdminCommand.InitFs.class),
          verb("os-init", AdminCommand.OsInit.class),
          verb("deploy", AdminCommand.Deploy.class),
          verb("undeploy", AdminCommand.Undeploy.class),
          verb("pin", AdminCommand.Pin.class),
          verb("status", AdminCommand.Status.class),
          verb("cleanup", AdminCommand.Cleanup.class)),
      group("compose", ComposeCommand.class,
          verb("import", ComposeCommand.Import.class)),
      verb("install", InstallCommand.class),
      verb("uninstall", UninstallCommand.class),
      group("db", DbCommand.class,
          verb("diff", DbDiff.class),
          verb("list", DbList.class)));

  /**
   * Registers the verbs {@code args} names under {@code root}: only the verb run (and of a group,
   * only the subcommand run) when the words name them; all of them otherwise (help, a missing or
   * unknown verb, for the usage text and "did you mean").
   */
  static void register(CommandLine root, String[] args) {
    List<String> words = java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).toList();
    Entry verb = words.isEmpty() ? null : find(VERBS, words.get(0));
    if (verb == null) {
      VERBS.forEach(v -> root.addSubcommand(build(v, null)));
      return;
    }
    Entry sub = words.size() < 2 ? null : find(verb.subcommands(), words.get(1));
    root.addSubcommand(build(verb, sub));
  }

  private static Entry find(List<Entry> entries, String name) {
    for (Entry e : entries) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }

  /** The command line of {@code e}; of a group, with {@code only} or else every subcommand. */
  private static CommandLine build(Entry e, Entry only) {
    CommandLine c = new CommandLine(e.type(), CommandLine.defaultFactory());
    for (Entry s : e.subcommands()) {
      if (only == null || s == only) {
        c.addSubcommand(build(s, null));
      }
    }
    return c;
  }
}
