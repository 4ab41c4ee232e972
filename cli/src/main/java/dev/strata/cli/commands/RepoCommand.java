package dev.strata.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code strata repo ...}: the OSTree-compatible repository, mirroring {@code ostree}'s plumbing. */
@Command(
    name = "repo",
    description = "Work with an OSTree-compatible repository (init, commit, checkout, log, fsck...).")
final class RepoCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
