package dev.strata.cli.commands;

import dev.strata.sysroot.Sysroot;
import dev.strata.sysroot.SysrootState;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code strata rollback}: make the previous deployment the default again. */
@Command(name = "rollback", description = "Boot the previous deployment next (swap the first two).")
final class RollbackCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Sysroot s = SysrootCli.open(spec);
    SysrootState after = s.rollback();
    spec.commandLine().getOut().println("Moving '" + after.deployments().get(0).name() + "' to be first deployment");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
