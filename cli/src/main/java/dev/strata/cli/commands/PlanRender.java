package dev.strata.cli.commands;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.strata.depsolve.Plan;
import java.util.List;

/**
 * The one rendering of a layering plan ({@code install}/{@code uninstall --dry-run}, on a sysroot
 * or with {@code --root}): text for people, JSON for tools in the shape of
 * {@code docs/schema/install-dry-run.json}.
 */
final class PlanRender {
  private PlanRender() {}

  /**
   * The plan as text.
   *
   * @param plan the solver's plan, or null when nothing needed solving (an uninstall to the base)
   * @param local local package files in the plan, as NEVRAs
   * @param requested the requested packages after the change
   */
  static String text(Plan plan, List<String> local, List<String> requested) {
    StringBuilder sb = new StringBuilder();
    if (plan != null) {
      for (Plan.Satisfied s : plan.alreadyInstalled()) {
        sb.append(s.request()).append(" is already provided by the base (").append(s.pkg().nva())
            .append(")\n");
      }
      for (dev.strata.depsolve.model.Package r : plan.replaced()) {
        sb.append("Would replace base package ").append(r.name()).append(' ').append(r.evr())
            .append(" (override)\n");
      }
      if (!plan.install().isEmpty()) {
        sb.append("Packages to add (").append(plan.install().size()).append("):\n");
        for (Plan.Item it : plan.install()) {
          sb.append(String.format("  %s %s %s  %s  [%s]%n", it.name(), it.evr(), it.arch(),
              it.reason(), it.repository()));
        }
      }
      if (!plan.optimal()) {
        sb.append("note: the time limit stopped the search; the plan is valid but may not be the"
            + " smallest\n");
      }
    }
    local.forEach(n -> sb.append("  local ").append(n).append('\n'));
    sb.append("Requested after this change: ")
        .append(requested.isEmpty() ? "(none: the base)" : String.join(" ", requested)).append('\n');
    return sb.toString();
  }

  /**
   * The plan as JSON.
   *
   * @param plan the solver's plan, or null when nothing needed solving
   * @param requested the requested packages after the change
   */
  static String json(Plan plan, List<String> requested) {
    JsonObject top = new JsonObject();
    JsonArray add = new JsonArray();
    JsonArray sat = new JsonArray();
    JsonArray replaced = new JsonArray();
    if (plan != null) {
      for (Plan.Item it : plan.install()) {
        JsonObject o = new JsonObject();
        o.addProperty("name", it.name());
        o.addProperty("version", it.evr().toString());
        o.addProperty("arch", it.arch());
        o.addProperty("repository", it.repository());
        o.addProperty("reason", it.reason());
        o.addProperty("requested", it.requested());
        if (it.neededBy() != null) {
          o.addProperty("needed-by", it.neededBy().name());
          o.addProperty("relation", it.relation());
        }
        if (it.pkg().location() != null) {
          o.addProperty("location", it.pkg().location());
        }
        add.add(o);
      }
      for (Plan.Satisfied s : plan.alreadyInstalled()) {
        JsonObject o = new JsonObject();
        o.addProperty("request", s.request());
        o.addProperty("package", s.pkg().name());
        o.addProperty("version", s.pkg().evr().toString());
        o.addProperty("arch", s.pkg().arch());
        sat.add(o);
      }
      for (dev.strata.depsolve.model.Package r : plan.replaced()) {
        JsonObject o = new JsonObject();
        o.addProperty("name", r.name());
        o.addProperty("version", r.evr().toString());
        o.addProperty("arch", r.arch());
        replaced.add(o);
      }
    }
    top.add("install", add);
    top.add("already-installed", sat);
    top.add("replaced", replaced);
    JsonArray req = new JsonArray();
    requested.forEach(req::add);
    top.add("requested", req);
    top.addProperty("optimal", plan == null || plan.optimal());
    return new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create().toJson(top) + "\n";
  }
}
