package dev.strata.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code strata pkg}: look inside RPM and .deb files. */
@Command(
    name = "pkg",
    description = "Show what an RPM or .deb package holds, without installing it.")
final class PkgCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
