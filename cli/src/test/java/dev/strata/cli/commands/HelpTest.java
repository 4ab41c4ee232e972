package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every verb and subcommand answers {@code --help} with its usage, and exits 0. */
class HelpTest {
  private static void collect(CommandLine c, List<String> path, List<List<String>> all) {
    for (CommandLine sub : c.getSubcommands().values()) {
      if (sub.getCommandName().equals("help")) {
        continue;
      }
      List<String> p = new ArrayList<>(path);
      p.add(sub.getCommandName());
      if (!all.contains(p)) {
        all.add(p);
        collect(sub, p, all);
      }
    }
  }

  @Test
  void testHelp_everyCommand() {
    List<List<String>> all = new ArrayList<>();
    collect(StrataCommand.commandLine(new String[0]), List.of(), all);
    assertTrue(all.size() > 30, "commands found: " + all);
    for (List<String> cmd : all) {
      List<String> args = new ArrayList<>(cmd);
      args.add("--help");
      CliRunner.Run r = CliRunner.inProcess(args.toArray(String[]::new));
      assertEquals(0, r.status(), "strata " + String.join(" ", args) + ": " + r.err());
      assertTrue(r.out().startsWith("Usage: strata " + String.join(" ", cmd)),
          "strata " + String.join(" ", args) + " printed: " + r.out());
    }
  }

  private static void checkNames(List<CommandCatalog.Entry> entries, String parent) {
    for (CommandCatalog.Entry e : entries) {
      picocli.CommandLine.Command c = e.type().getAnnotation(picocli.CommandLine.Command.class);
      assertEquals(e.name(), c.name(), "the catalog's name of " + e.type().getName() + " under " + parent);
      checkNames(e.subcommands(), parent + " " + e.name());
    }
  }

  @Test
  void testCatalog_namesAgreeWithTheAnnotations() {
    checkNames(CommandCatalog.VERBS, "strata");
  }

  @Test
  void testCommandLine_registersOnlyTheCommandRun() {
    CommandLine cl = StrataCommand.commandLine(new String[] {"repo", "checkout", "--repo=r", "a", "b"});
    assertEquals(List.of("help", "repo"), List.copyOf(cl.getSubcommands().keySet()));
    assertEquals(List.of("checkout"), List.copyOf(cl.getSubcommands().get("repo").getSubcommands().keySet()));
    CommandLine all = StrataCommand.commandLine(new String[] {"--sysroot", "/x", "status"});
    assertTrue(all.getSubcommands().size() > 12, "a word that names no verb registers them all");
  }
}
