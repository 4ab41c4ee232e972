package dev.strata.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The top-level {@code strata} command: the verbs are its subcommands.
 *
 * <p>Global options are inherited by every subcommand, and every subcommand answers {@code -h} and
 * {@code --help}; {@code --version} is the top command's own ({@code compose import --version=V}
 * sets a commit's version).
 */
@Command(
    name = "strata",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Hybrid image/package system for immutable Linux hosts.",
    subcommands = {picocli.CommandLine.HelpCommand.class})
public final class StrataCommand implements Runnable {
  /**
   * Builds the command line for {@code args}. picocli reflects over every registered command when
   * it builds its model, so only the command being run is registered when the words name one
   * ({@link CommandCatalog}); help, a missing verb or an unknown one gets them all.
   *
   * @param args the command-line arguments
   * @return the command line, ready to execute
   */
  public static picocli.CommandLine commandLine(String[] args) {
    picocli.CommandLine cl = new picocli.CommandLine(new StrataCommand());
    CommandCatalog.register(cl, args);
    addHelp(cl);
    return cl;
  }

  /** Gives every subcommand {@code -h}/{@code --help}, as the top command has through its mixin. */
  private static void addHelp(picocli.CommandLine cl) {
    for (picocli.CommandLine sub : cl.getSubcommands().values()) {
      picocli.CommandLine.Model.CommandSpec s = sub.getCommandSpec();
      if (s.findOption("--help") == null && !(s.userObject() instanceof picocli.CommandLine.HelpCommand)) {
        s.addOption(picocli.CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
            .description("Show this help message and exit.").build());
      }
      addHelp(sub);
    }
  }

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces for errors.")
  boolean verbose;

  @Option(
      names = "--sysroot",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description = "The system root to operate on (default: /).")
  java.nio.file.Path sysroot = java.nio.file.Path.of("/");

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
