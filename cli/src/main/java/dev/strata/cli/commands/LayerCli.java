package dev.strata.cli.commands;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.strata.depsolve.Plan;
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
        out.print(json ? planJson(r) : planText(r));
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

  private static String planText(LayerTransaction.Result r) {
    StringBuilder sb = new StringBuilder();
    Plan p = r.plan();
    if (p != null) {
      for (Plan.Satisfied s : p.alreadyInstalled()) {
        sb.append(s.request()).append(" is already provided by the base (").append(s.pkg().nva())
            .append(")\n");
      }
      if (!p.install().isEmpty()) {
        sb.append("Packages to add (").append(p.install().size()).append("):\n");
        for (Plan.Item it : p.install()) {
          sb.append(String.format("  %s %s %s  %s  [%s]%n", it.name(), it.evr(), it.arch(),
              it.reason(), it.repository()));
        }
      }
    }
    r.packages().forEach(c -> sb.append("  local ").append(c.nevra()).append('\n'));
    sb.append("Requested after this change: ").append(r.spec().requested().isEmpty()
        && r.spec().requestedLocal().isEmpty() ? "(none: the base)"
        : String.join(" ", r.spec().requested())).append('\n');
    return sb.toString();
  }

  private static String planJson(LayerTransaction.Result r) {
    JsonObject top = new JsonObject();
    JsonArray add = new JsonArray();
    JsonArray sat = new JsonArray();
    if (r.plan() != null) {
      for (Plan.Item it : r.plan().install()) {
        JsonObject o = new JsonObject();
        o.addProperty("name", it.name());
        o.addProperty("version", it.evr().toString());
        o.addProperty("arch", it.arch());
        o.addProperty("repository", it.repository());
        o.addProperty("reason", it.reason());
        o.addProperty("requested", it.requested());
        add.add(o);
      }
      for (Plan.Satisfied s : r.plan().alreadyInstalled()) {
        JsonObject o = new JsonObject();
        o.addProperty("request", s.request());
        o.addProperty("package", s.pkg().name());
        o.addProperty("version", s.pkg().evr().toString());
        sat.add(o);
      }
    }
    top.add("install", add);
    top.add("already-installed", sat);
    JsonArray req = new JsonArray();
    r.spec().requested().forEach(req::add);
    top.add("requested", req);
    return new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create().toJson(top) + "\n";
  }
}
