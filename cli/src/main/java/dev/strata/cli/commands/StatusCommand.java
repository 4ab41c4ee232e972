package dev.strata.cli.commands;

import dev.strata.sysroot.Sysroot;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata status}: the deployments in boot order. */
@Command(name = "status", description = "Show the deployments in boot order (● = booted).")
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-v", "--verbose-status"}, description = "Show more details.")
  boolean verboseStatus;

  @Option(names = "--json", description = "Print rpm-ostree style JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Sysroot s = SysrootCli.open(spec);
    StatusRenderer r = new StatusRenderer(s.load(), s.repository());
    spec.commandLine().getOut().print(json ? r.json() : r.text(verboseStatus));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
