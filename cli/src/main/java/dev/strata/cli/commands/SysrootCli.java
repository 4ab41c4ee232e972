package dev.strata.cli.commands;

import dev.strata.sysroot.StoreRepository;
import dev.strata.sysroot.Sysroot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Opens the sysroot named by the inherited {@code --sysroot} option, logging to stderr. */
final class SysrootCli {
  private SysrootCli() {}

  static Path root(CommandLine.Model.CommandSpec spec) {
    CommandLine c = spec.commandLine();
    while (c.getParent() != null) {
      c = c.getParent();
    }
    Path p = ((StrataCommand) c.getCommand()).sysroot;
    return p == null ? Path.of("/") : p;
  }

  static Sysroot open(CommandLine.Model.CommandSpec spec) throws IOException {
    Path root = root(spec);
    PrintWriter err = spec.commandLine().getErr();
    if (!java.nio.file.Files.isDirectory(root.resolve("ostree/repo"))) {
      throw new IOException(
          "not an OSTree sysroot: " + root + " has no ostree/repo; run 'strata admin --sysroot=" + root + " init-fs' first");
    }
    return Sysroot.open(
        root,
        StoreRepository.ofSysroot(root),
        line -> {
          err.println(line);
          err.flush();
        });
  }
}
