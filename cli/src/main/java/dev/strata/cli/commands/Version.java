package dev.strata.cli.commands;

import picocli.CommandLine.IVersionProvider;

/** Prints the version baked into the jar's manifest. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Version.class.getPackage().getImplementationVersion();
    return new String[] {"strata " + (v == null ? "development build" : v)};
  }
}
