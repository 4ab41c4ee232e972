package dev.strata.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The top-level {@code strata} command: the verbs are its subcommands.
 *
 * <p>Global options are inherited by every subcommand.
 */
@Command(
    name = "strata",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Hybrid image/package system for immutable Linux hosts.",
    subcommands = {
      picocli.CommandLine.HelpCommand.class,
      DemoCommand.class,
      RepoCommand.class,
      PkgCommand.class,
      StatusCommand.class,
      RollbackCommand.class,
      KargsCommand.class,
      CleanupCommand.class,
      AdminCommand.class,
      ComposeCommand.class,
      InstallCommand.class,
      UninstallCommand.class,
      DbCommand.class,
    })
public final class StrataCommand implements Runnable {
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
