package dev.strata.cli.commands;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.strata.sysroot.Deployment;
import dev.strata.sysroot.SysrootRepository;
import dev.strata.sysroot.SysrootState;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Renders deployments as rpm-ostree's and ostree admin's status do (text) and as rpm-ostree JSON. */
final class StatusRenderer {
  private final SysrootState state;
  private final SysrootRepository repo;

  StatusRenderer(SysrootState state, SysrootRepository repo) {
    this.state = state;
    this.repo = repo;
  }

  private SysrootRepository.CommitInfo info(Deployment d) {
    try {
      return repo.commitInfo(d.checksum());
    } catch (IOException e) {
      return new SysrootRepository.CommitInfo(null, 0);
    }
  }

  private String origin(Deployment d) {
    String r = d.origin().refspec();
    return r == null ? "<unknown origin type>" : r;
  }

  /** The requested layered packages of a deployment (origin [packages]), or null when none. */
  private static List<String> layered(Deployment d) {
    List<String> l = new ArrayList<>();
    for (String k : new String[] {"requested", "requested-local"}) {
      String v = d.origin().get("packages", k);
      if (v != null) {
        for (String p : v.split(";")) {
          if (!p.isBlank()) {
            l.add(p.strip());
          }
        }
      }
    }
    return l.isEmpty() ? null : l;
  }

  /** The base commit of a layered deployment (its commit's parent), or null for a pure one. */
  private String baseCommit(Deployment d) {
    if (d.origin().get("origin", "baserefspec") == null
        || !(repo instanceof dev.strata.sysroot.StoreRepository sr)) {
      return null;
    }
    try {
      return sr.repo().readCommit(new dev.strata.store.Checksum(d.checksum())).parent()
          .map(dev.strata.store.Checksum::hex).orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** {@code strata status}: rpm-ostree's layout. */
  String text(boolean verbose) {
    StringBuilder sb = new StringBuilder("State: idle\nDeployments:\n");
    Deployment pending = state.pending();
    Deployment rollback = state.rollback();
    for (Deployment d : state.deployments()) {
      boolean booted = d.sameAs(state.booted());
      sb.append(booted ? "● " : "  ").append(origin(d));
      if (d.sameAs(pending)) {
        sb.append(" (pending)");
      } else if (d.sameAs(rollback)) {
        sb.append(" (rollback)");
      }
      sb.append('\n');
      SysrootRepository.CommitInfo ci = info(d);
      List<String[]> kv = new ArrayList<>();
      String ts = Instant.ofEpochSecond(ci.timestamp()).toString();
      if (ci.version() != null) {
        kv.add(new String[] {"Version", ci.version() + " (" + ts + ")"});
      } else {
        kv.add(new String[] {"Timestamp", ts});
      }
      String baseCommit = baseCommit(d);
      if (baseCommit != null) {
        kv.add(new String[] {"BaseCommit", baseCommit});
      }
      kv.add(new String[] {"Commit", d.checksum()});
      if (layered(d) != null) {
        kv.add(new String[] {"LayeredPackages", String.join(" ", layered(d))});
      }
      if (verbose) {
        kv.add(new String[] {"StateRoot", d.osname()});
        kv.add(new String[] {"Deployment", d.name()});
        kv.add(new String[] {"Staged", "no"});
      }
      if (!"none".equals(d.origin().unlocked())) {
        kv.add(new String[] {"Unlocked", d.origin().unlocked()});
      }
      if (d.pinned()) {
        kv.add(new String[] {"Pinned", "yes"});
      }
      if (d.sameAs(pending)) {
        kv.addAll(StatusPackageDiff.rows(repo, state.booted(), d, verbose));
      }
      for (String[] e : kv) {
        sb.append(e[0].isEmpty() ? String.format("%27s%s%n", "", e[1]) : String.format("%25s: %s%n", e[0], e[1]));
      }
    }
    return sb.toString();
  }

  /** {@code strata admin status}: ostree admin status's layout. */
  String adminText() {
    if (state.deployments().isEmpty()) {
      return "No deployments.\n";
    }
    StringBuilder sb = new StringBuilder();
    Deployment pending = state.pending();
    Deployment rollback = state.booted() == null ? null : state.rollback();
    for (Deployment d : state.deployments()) {
      sb.append(d.sameAs(state.booted()) ? '*' : ' ')
          .append(' ')
          .append(d.osname())
          .append(' ')
          .append(d.name());
      if (d.sameAs(pending)) {
        sb.append(" (pending)");
      } else if (d.sameAs(rollback)) {
        sb.append(" (rollback)");
      }
      sb.append('\n');
      String v = info(d).version();
      if (v != null) {
        sb.append("    Version: ").append(v).append('\n');
      }
      if (!"none".equals(d.origin().unlocked())) {
        sb.append("    Unlocked: ").append(d.origin().unlocked()).append('\n');
      }
      if (d.pinned()) {
        sb.append("    Pinned: yes\n");
      }
      String r = d.origin().refspec();
      sb.append(r == null ? "    origin: <unknown origin type>\n" : "    origin refspec: " + r + "\n");
    }
    return sb.toString();
  }

  /** rpm-ostree's {@code status --json} field names. */
  String json() {
    JsonObject top = new JsonObject();
    JsonArray arr = new JsonArray();
    for (Deployment d : state.deployments()) {
      SysrootRepository.CommitInfo ci = info(d);
      JsonObject o = new JsonObject();
      o.addProperty("id", d.id());
      o.addProperty("osname", d.osname());
      o.addProperty("serial", d.serial());
      o.addProperty("checksum", d.checksum());
      if (ci.version() != null) {
        o.addProperty("version", ci.version());
      }
      o.addProperty("timestamp", ci.timestamp());
      if (d.origin().refspec() != null) {
        o.addProperty("origin", d.origin().refspec());
      }
      String baseCommit = baseCommit(d);
      if (baseCommit != null) {
        o.addProperty("base-checksum", baseCommit);
        JsonArray req = new JsonArray();
        layered(d).forEach(req::add);
        o.add("requested-packages", req);
      }
      o.addProperty("booted", d.sameAs(state.booted()));
      o.addProperty("staged", false);
      o.addProperty("pinned", d.pinned());
      o.addProperty("unlocked", d.origin().unlocked());
      o.addProperty("index", d.index());
      o.addProperty("bootcsum", d.bootcsum());
      o.addProperty("kargs", d.kargs().toString());
      arr.add(o);
    }
    top.add("deployments", arr);
    top.add("transaction", JsonNull.INSTANCE);
    top.add("cached-update", JsonNull.INSTANCE);
    top.add("update-driver", JsonNull.INSTANCE);
    return new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().serializeNulls().create().toJson(top) + "\n";
  }
}
