package dev.strata.cli.commands;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.strata.pkgdiff.PackageDiff;
import dev.strata.pkgdiff.PackageDiff.Change;
import dev.strata.pkgdiff.PackageDiff.Type;
import dev.strata.pkgdiff.PackageList;
import dev.strata.store.util.Strcmp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Renders package lists and diffs in rpm-ostree's {@code db diff} shapes: block, diff and JSON. */
final class DbRender {
  static final Gson GSON = new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();

  private DbRender() {}

  /** Header lines, then Upgraded, Downgraded, Removed and Added sections (empty ones left out). */
  static String block(DbRevisions.Rev from, DbRevisions.Rev to, PackageDiff d) {
    StringBuilder sb = new StringBuilder();
    sb.append("ostree diff commit from: ").append(from.description()).append(" (").append(from.commit().hex()).append(")\n");
    sb.append("ostree diff commit to:   ").append(to.description()).append(" (").append(to.commit().hex()).append(")\n");
    for (String[] line : sections(d)) {
      if (!line[0].isEmpty()) {
        sb.append(line[0]).append(":\n");
      }
      sb.append("  ").append(line[1]).append('\n');
    }
    return sb.toString();
  }

  /**
   * The sections as (title, entry) rows, the title only on a section's first row: {@code name old
   * -> new} for version changes, {@code NEVRA} for removals and additions.
   */
  static List<String[]> sections(PackageDiff d) {
    List<String[]> rows = new ArrayList<>();
    String[] titles = {"Upgraded", "Downgraded", "Removed", "Added"};
    Type[] types = {Type.UPGRADED, Type.DOWNGRADED, Type.REMOVED, Type.ADDED};
    for (int i = 0; i < types.length; i++) {
      boolean first = true;
      for (Change c : d.of(types[i])) {
        String entry = switch (c.type()) {
          case UPGRADED, DOWNGRADED -> c.name() + " " + c.previous().evr() + " -> " + c.next().evr();
          case REMOVED -> c.previous().nevra();
          case ADDED -> c.next().nevra();
        };
        rows.add(new String[] {first ? titles[i] : "", entry});
        first = false;
      }
    }
    return rows;
  }

  /** One line per package in name order: {@code -NEVRA}, {@code +NEVRA}, or {@code !old} then {@code =new}. */
  static String diff(PackageDiff d) {
    List<Change> l = new ArrayList<>(d.changes());
    l.sort(Comparator.comparing(Change::name, Strcmp::compare));
    StringBuilder sb = new StringBuilder();
    for (Change c : l) {
      switch (c.type()) {
        case REMOVED -> sb.append('-').append(c.previous().nevra()).append('\n');
        case ADDED -> sb.append('+').append(c.next().nevra()).append('\n');
        default -> sb.append('!').append(c.previous().nevra()).append("\n=").append(c.next().nevra()).append('\n');
      }
    }
    return sb.toString();
  }

  /** {@code {"ostree-commit-from", "ostree-commit-to", "pkgdiff": [[name, type, {...}]...]}}. */
  static String json(DbRevisions.Rev from, DbRevisions.Rev to, PackageDiff d) {
    JsonObject top = new JsonObject();
    top.addProperty("ostree-commit-from", from.commit().hex());
    top.addProperty("ostree-commit-to", to.commit().hex());
    JsonArray arr = new JsonArray();
    for (Change c : d.changes()) {
      JsonArray e = new JsonArray();
      e.add(c.name());
      e.add(c.type().code());
      JsonObject pk = new JsonObject();
      if (c.previous() != null) {
        pk.add("PreviousPackage", triple(c.previous()));
      }
      if (c.next() != null) {
        pk.add("NewPackage", triple(c.next()));
      }
      e.add(pk);
      arr.add(e);
    }
    top.add("pkgdiff", arr);
    return GSON.toJson(top) + "\n";
  }

  private static JsonArray triple(PackageList.Package p) {
    JsonArray a = new JsonArray();
    a.add(p.name());
    a.add(p.evr());
    a.add(p.arch());
    return a;
  }

  /** A package as {@code db list --json} shows it. */
  static JsonObject packageJson(PackageList.Package p) {
    JsonObject o = new JsonObject();
    o.addProperty("name", p.name());
    o.addProperty("epoch", p.epoch());
    o.addProperty("version", p.version());
    o.addProperty("release", p.release());
    o.addProperty("evr", p.evr());
    o.addProperty("arch", p.arch());
    o.addProperty("nevra", p.nevra());
    return o;
  }
}
