package dev.strata.cli.commands;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code strata demo}: the README's first command. Builds a sysroot under {@code ./demo/sysroot}
 * from fixtures (a small Debian-style base imported with compose import and deployed, and a local
 * fixture package repository under {@code ./demo/packages}), runs {@code install strace} on it
 * (strace and libunwind8 are fixture packages; offline), then shows {@code status} and
 * {@code db list}. Running it again starts from scratch.
 */
@Command(name = "demo", description = "Build ./demo/sysroot from fixtures, install strace, show status and db list.")
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path demo = Files.createDirectories(Path.of("demo").toAbsolutePath());
    Path sys = DemoSysroot.run(demo, out, err);
    for (String[] cmd : new String[][] {{"status"}, {"db", "list"}}) {
      out.println();
      out.println("$ strata --sysroot=demo/sysroot " + String.join(" ", cmd));
      out.flush();
      String[] args = new String[cmd.length + 1];
      args[0] = "--sysroot=" + sys;
      System.arraycopy(cmd, 0, args, 1, cmd.length);
      int rc = dev.strata.cli.Main.run(args, out, err);
      if (rc != 0) {
        return rc;
      }
    }
    out.println();
    out.println("Look around:");
    out.println("  ./strata --sysroot=demo/sysroot status --json");
    out.println("  ./strata --sysroot=demo/sysroot db diff");
    out.println("  ostree admin status --sysroot=demo/sysroot   # the real ostree reads it too");
    out.println("  ls demo/sysroot/ostree/deploy/" + DemoSysroot.OS + "/deploy/*/usr/bin/strace");
    out.flush();
    return 0;
  }
}
