package dev.strata.cli.commands;

import dev.strata.cli.Main;
import dev.strata.fixtures.HostTools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process or as a child JVM (for failpoints and concurrency). */
final class CliRunner {
  private CliRunner() {}

  record Run(int status, String out, String err) {}

  static Run inProcess(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(rc, out.toString(), err.toString());
  }

  static Run ok(String... args) {
    Run r = inProcess(args);
    if (r.status != 0) {
      throw new AssertionError("strata " + String.join(" ", args) + " exited " + r.status + ": " + r.err);
    }
    return r;
  }

  static List<String> childCommand(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.strata.cli.Main");
    cmd.addAll(List.of(args));
    return cmd;
  }

  static HostTools.Result child(Map<String, String> env, String... args) {
    return HostTools.run(childCommand(args), null, env, Duration.ofMinutes(5));
  }

  /** A small tree with a setuid file, a symlink, an empty dir and an odd name. */
  static Path tree(Path root, String flavour) throws Exception {
    Files.createDirectories(root.resolve("usr/bin"));
    Files.createDirectories(root.resolve("var/empty"));
    Files.writeString(root.resolve("usr/bin/tool"), "#!/bin/sh\necho " + flavour + "\n");
    Files.setAttribute(root.resolve("usr/bin/tool"), "unix:mode", 04755);
    Files.writeString(root.resolve("-odd name ü"), flavour + "\n");
    for (int i = 0; i < 200; i++) {
      Files.writeString(root.resolve("usr/f" + i), flavour + " file " + i + "\n");
    }
    Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
    return root;
  }
}
