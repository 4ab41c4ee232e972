package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.strata.pkgdb.PackageFormat;
import dev.strata.pkgdiff.PackageList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two package lists built side by side with the change each package is meant to show, and checks
 * of {@code db diff}'s three output formats against those intended changes (never against the
 * comparison code under test).
 */
final class DiffExpectation {
  /** One package as the test writes it: the version string exactly as the format writes it. */
  record Pkg(String name, String evr, String arch) {
    String nevra() {
      return name + "-" + evr + "." + arch;
    }

    PackageList.Package toPackage() {
      int epoch = 0;
      String rest = evr;
      int colon = rest.indexOf(':');
      if (colon > 0) {
        epoch = Integer.parseInt(rest.substring(0, colon));
        rest = rest.substring(colon + 1);
      }
      int dash = rest.lastIndexOf('-');
      return new PackageList.Package(name, epoch, dash < 0 ? rest : rest.substring(0, dash),
          dash < 0 ? "" : rest.substring(dash + 1), arch);
    }
  }

  /** An intended change: type 0-3 as rpm-ostree numbers them. */
  record Expected(String name, int type, Pkg previous, Pkg next) {}

  final List<Pkg> from = new ArrayList<>();
  final List<Pkg> to = new ArrayList<>();
  final List<Expected> changes = new ArrayList<>();

  DiffExpectation same(String name, String evr, String arch) {
    from.add(new Pkg(name, evr, arch));
    to.add(new Pkg(name, evr, arch));
    return this;
  }

  DiffExpectation upgrade(String name, String old, String neu, String arch) {
    return change(2, new Pkg(name, old, arch), new Pkg(name, neu, arch));
  }

  DiffExpectation downgrade(String name, String old, String neu, String arch) {
    return change(3, new Pkg(name, old, arch), new Pkg(name, neu, arch));
  }

  DiffExpectation removed(String name, String evr, String arch) {
    return change(1, new Pkg(name, evr, arch), null);
  }

  DiffExpectation added(String name, String evr, String arch) {
    return change(0, null, new Pkg(name, evr, arch));
  }

  DiffExpectation change(int type, Pkg previous, Pkg next) {
    if (previous != null) {
      from.add(previous);
    }
    if (next != null) {
      to.add(next);
    }
    changes.add(new Expected(previous != null ? previous.name() : next.name(), type, previous, next));
    return this;
  }

  static PackageList list(PackageFormat f, List<Pkg> pkgs) {
    return new PackageList(f, pkgs.stream().map(Pkg::toPackage).toList());
  }

  private List<Expected> sorted() {
    List<Expected> l = new ArrayList<>(changes);
    l.sort(java.util.Comparator.comparingInt(Expected::type).thenComparing(Expected::name)
        .thenComparing(e -> (e.next() != null ? e.next() : e.previous()).arch()));
    return l;
  }

  /** Checks {@code --format=json}: every entry, in type-then-name order. */
  void checkJson(String json, String fromCommit, String toCommit) {
    JsonObject top = JsonParser.parseString(json).getAsJsonObject();
    assertEquals(fromCommit, top.get("ostree-commit-from").getAsString());
    assertEquals(toCommit, top.get("ostree-commit-to").getAsString());
    List<String> want = new ArrayList<>();
    for (Expected e : sorted()) {
      want.add(e.name() + " " + e.type() + " " + triple(e.previous()) + " " + triple(e.next()));
    }
    List<String> got = new ArrayList<>();
    for (JsonElement el : top.getAsJsonArray("pkgdiff")) {
      JsonArray a = el.getAsJsonArray();
      JsonObject p = a.get(2).getAsJsonObject();
      got.add(a.get(0).getAsString() + " " + a.get(1).getAsInt() + " " + p.get("PreviousPackage") + " "
          + p.get("NewPackage"));
    }
    assertEquals(want, got);
  }

  private static String triple(Pkg p) {
    return p == null ? "null" : "[\"" + p.name() + "\",\"" + p.evr() + "\",\"" + p.arch() + "\"]";
  }

  /** Checks the block format after its two header lines. */
  void checkBlock(String block) {
    List<String> want = new ArrayList<>();
    String[] titles = {"Added", "Removed", "Upgraded", "Downgraded"};
    for (int type : new int[] {2, 3, 1, 0}) {
      List<Expected> of = sorted().stream().filter(e -> e.type() == type).toList();
      if (!of.isEmpty()) {
        want.add(titles[type] + ":");
      }
      for (Expected e : of) {
        want.add("  " + switch (type) {
          case 0 -> e.next().nevra();
          case 1 -> e.previous().nevra();
          default -> e.name() + " " + e.previous().evr() + " -> " + e.next().evr();
        });
      }
    }
    List<String> lines = block.lines().toList();
    assertEquals(want, lines.subList(2, lines.size()));
  }

  /** Checks the diff format: one -/+ line or a !/= pair per change, in name order. */
  void checkDiff(String diff) {
    Map<String, List<String>> byName = new TreeMap<>();
    for (Expected e : changes) {
      List<String> l = byName.computeIfAbsent(e.name(), k -> new ArrayList<>());
      switch (e.type()) {
        case 0 -> l.add("+" + e.next().nevra());
        case 1 -> l.add("-" + e.previous().nevra());
        default -> {
          l.add("!" + e.previous().nevra());
          l.add("=" + e.next().nevra());
        }
      }
    }
    List<String> got = diff.lines().toList();
    // Within one name (several architectures) the order of the lines is not specified: compare per name.
    Map<String, List<String>> gotByName = new TreeMap<>();
    String lastName = null;
    List<String> names = new ArrayList<>();
    for (String line : got) {
      String name = nameOf(line.substring(1));
      if (!name.equals(lastName)) {
        names.add(name);
        lastName = name;
      }
      gotByName.computeIfAbsent(name, k -> new ArrayList<>()).add(line);
    }
    assertEquals(new ArrayList<>(byName.keySet()), names, "names in order, each once");
    for (Map.Entry<String, List<String>> e : byName.entrySet()) {
      assertEquals(e.getValue().stream().sorted().toList(), gotByName.get(e.getKey()).stream().sorted().toList());
    }
  }

  private String nameOf(String nevra) {
    for (Expected e : changes) {
      Pkg p = e.previous() != null ? e.previous() : e.next();
      if (nevra.equals((e.previous() != null ? e.previous() : e.next()).nevra())
          || (e.next() != null && nevra.equals(e.next().nevra()))) {
        return p.name();
      }
    }
    throw new AssertionError("unexpected line for " + nevra);
  }
}
