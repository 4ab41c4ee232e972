package dev.strata.cli.commands;

import dev.strata.depsolve.model.Op;
import com.google.gson.GsonBuilder;
import dev.strata.pkg.PackageArchive;
import dev.strata.pkg.PackageHeader;
import dev.strata.pkg.Relation;
import dev.strata.pkg.RelationKind;
import dev.strata.pkg.Script;
import dev.strata.pkg.Trigger;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code strata pkg info [--json] FILE}: the header of a package. */
@Command(name = "info", description = "Show a package's name, version, relations and scripts.")
final class PkgInfoCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Parameters(paramLabel = "FILE", description = "An .rpm or .deb file.")
  Path file;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PackageHeader h;
    try (PackageArchive a = PackageArchive.open(file)) {
      h = a.header();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
          .toJson(toJson(h)));
    } else {
      render(h, out);
    }
    out.flush();
    return 0;
  }

  static Map<String, Object> toJson(PackageHeader h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", h.format().name().toLowerCase());
    m.put("name", h.name());
    m.put("epoch", h.version().epoch());
    m.put("version", h.version().version());
    m.put("release", h.version().release());
    m.put("fullVersion", h.version().full());
    m.put("arch", h.arch());
    m.put("payloadCompression", h.payloadCompression());
    m.put("fields", h.fields());
    Map<String, Object> rel = new LinkedHashMap<>();
    h.relations().forEach((k, v) -> {
      List<Object> clauses = new ArrayList<>();
      for (Relation r : v) {
        List<Object> alts = new ArrayList<>();
        for (Relation.Alternative a : r.alternatives()) {
          Map<String, Object> am = new LinkedHashMap<>();
          am.put("name", a.name());
          if (!a.archQualifier().isEmpty()) {
            am.put("arch", a.archQualifier());
          }
          if (a.op() != Op.ANY) {
            am.put("op", a.op().name().toLowerCase());
            am.put("version", a.version());
          }
          if (a.rpmFlags() != 0) {
            am.put("rpmFlags", a.rpmFlags());
          }
          alts.add(am);
        }
        clauses.add(alts);
      }
      rel.put(k.name().toLowerCase().replace('_', '-'), clauses);
    });
    m.put("relations", rel);
    List<Object> scripts = new ArrayList<>();
    for (Script s : h.scripts()) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("kind", s.kind().name().toLowerCase().replace('_', '-'));
      sm.put("interpreter", s.interpreter());
      sm.put("body", s.body());
      scripts.add(sm);
    }
    m.put("scripts", scripts);
    List<Object> triggers = new ArrayList<>();
    for (Trigger t : h.triggers()) {
      Map<String, Object> tm = new LinkedHashMap<>();
      tm.put("kind", t.kind());
      tm.put("target", t.target());
      if (t.op() != Op.ANY) {
        tm.put("op", t.op().name().toLowerCase());
        tm.put("version", t.version());
      }
      if (!t.body().isEmpty()) {
        tm.put("interpreter", t.interpreter());
        tm.put("body", t.body());
      }
      triggers.add(tm);
    }
    m.put("triggers", triggers);
    m.put("conffiles", h.conffiles());
    return m;
  }

  private static void render(PackageHeader h, PrintWriter out) {
    out.println("Name:         " + h.name());
    out.println("Version:      " + h.version().full());
    out.println("Architecture: " + h.arch());
    out.println("Format:       " + h.format().name().toLowerCase() + " (payload "
        + h.payloadCompression() + ")");
    for (RelationKind k : RelationKind.values()) {
      List<Relation> rs = h.relations(k);
      if (rs.isEmpty()) {
        continue;
      }
      List<String> parts = new ArrayList<>();
      for (Relation r : rs) {
        parts.add(r.toDebian());
      }
      out.println(String.format("%-14s%s", label(k) + ":", String.join(", ", parts)));
    }
    for (Script s : h.scripts()) {
      out.println("Script:       " + s.kind().name().toLowerCase().replace('_', '-')
          + (s.interpreter().isEmpty() ? "" : " (" + String.join(" ", s.interpreter()) + ")"));
    }
    for (Trigger t : h.triggers()) {
      out.println("Trigger:      " + t.kind() + " " + t.target()
          + (t.op() == Op.ANY ? "" : " " + t.op().rpm() + " " + t.version()));
    }
    for (String c : h.conffiles()) {
      out.println("Conffile:     " + c);
    }
    for (Map.Entry<String, String> f : h.fields().entrySet()) {
      if (List.of("Package", "Version", "Architecture").contains(f.getKey())) {
        continue;
      }
      out.println(f.getKey() + ": " + f.getValue());
    }
  }

  private static String label(RelationKind k) {
    String s = k.name().toLowerCase().replace('_', '-');
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
