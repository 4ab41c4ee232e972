package dev.strata.cli.commands;

import dev.strata.layering.LayerTransaction;
import dev.strata.sysroot.StoreRepository;
import dev.strata.sysroot.Sysroot;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** Shared body of {@code install} and {@code uninstall}: run the transaction, render the result. */
final class LayerCli {
  private LayerCli() {}

  static int run(CommandSpec spec, List<String> install, List<String> uninstall, boolean dryRun,
      boolean json, boolean idempotent, boolean unchanged77) throws Exception {
    Sysroot s = SysrootCli.open(spec);
    PrintWriter out = spec.commandLine().getOut();
    Progress progress = new Progress(spec.commandLine().getErr());
    LayerTransaction.Result r;
    try {
      r = LayerTransaction.on(s, ((StoreRepository) s.repository()).repo())
          .install(install).uninstall(uninstall).idempotent(idempotent).dryRun(dryRun)
          .scripts(Scripts.phase()).progress(progress).call();
    } finally {
      progress.finish();
    }
    r.notes().forEach(n -> progress.accept("note: " + n));
    switch (r.outcome()) {
      case PLANNED -> {
        List<String> requested = new java.util.ArrayList<>(r.spec().requested());
        r.spec().requestedLocal().forEach(e -> requested.add(e.substring(e.indexOf(':') + 1)));
        out.print(json ? PlanRender.json(r.plan(), requested)
            : PlanRender.text(r.plan(), r.packages().stream().map(c -> c.nevra()).toList(), requested));
        out.flush();
        return 0;
      }
      case UNCHANGED -> {
        progress.accept("No changes: the requested packages are already deployed.");
        if (unchanged77) {
          return 77;
        }
        return 0;
      }
      default -> {
        progress.accept("Deployment " + r.deployment().name() + " is the new default; "
            + (r.spec().layered() ? "layered: " + String.join(" ", r.spec().requested())
                + (r.spec().requestedLocal().isEmpty() ? "" : " " + String.join(" ", r.spec().requestedLocal()))
                : "no layered packages") + ". Reboot to use it.");
        return 0;
      }
    }
  }
}
