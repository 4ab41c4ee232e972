package dev.strata.pkg.deb;

import dev.strata.depsolve.model.Op;
import dev.strata.pkg.EntryChecker;
import dev.strata.pkg.PackageFormatException;
import dev.strata.pkg.Relation;
import dev.strata.pkg.RelationKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a Debian control stanza and its relation fields. */
final class ControlFile {
  private ControlFile() {}

  static final Map<String, RelationKind> RELATION_FIELDS = new LinkedHashMap<>();

  static {
    RELATION_FIELDS.put("Pre-Depends", RelationKind.PRE_DEPENDS);
    RELATION_FIELDS.put("Depends", RelationKind.REQUIRES);
    RELATION_FIELDS.put("Recommends", RelationKind.RECOMMENDS);
    RELATION_FIELDS.put("Suggests", RelationKind.SUGGESTS);
    RELATION_FIELDS.put("Enhances", RelationKind.ENHANCES);
    RELATION_FIELDS.put("Breaks", RelationKind.BREAKS);
    RELATION_FIELDS.put("Conflicts", RelationKind.CONFLICTS);
    RELATION_FIELDS.put("Replaces", RelationKind.REPLACES);
    RELATION_FIELDS.put("Provides", RelationKind.PROVIDES);
  }

  private static final Pattern ALTERNATIVE = Pattern.compile(
      "([^\\s(:\\[<]+)(?::([A-Za-z0-9-]+))?\\s*"
          + "(?:\\(\\s*(<<|<=|=|>=|>>|<|>)\\s*([^)\\s]+)\\s*\\))?\\s*"
          + "(?:\\[[^\\]]*\\]\\s*)?(?:<[^>]*>\\s*)*");

  /**
   * Parses one stanza. Values keep continuation lines (joined with '\n', their leading space
   * kept); the first line is trimmed.
   */
  static Map<String, String> parse(String text, String pkg) throws PackageFormatException {
    Map<String, String> fields = new LinkedHashMap<>();
    String key = null;
    StringBuilder value = null;
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        if (key == null) {
          throw bad(pkg, "continuation line before any field");
        }
        value.append('\n').append(line);
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      if (key != null) {
        fields.put(key, value.toString());
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw bad(pkg, "line without a field name: " + EntryChecker.printable(line));
      }
      key = line.substring(0, colon);
      if (fields.containsKey(key)) {
        throw bad(pkg, "duplicate field " + EntryChecker.printable(key));
      }
      value = new StringBuilder(line.substring(colon + 1).strip());
    }
    if (key != null) {
      fields.put(key, value.toString());
    }
    return fields;
  }

  static Map<RelationKind, List<Relation>> relations(Map<String, String> fields, String pkg)
      throws PackageFormatException {
    Map<RelationKind, List<Relation>> out = new EnumMap<>(RelationKind.class);
    for (Map.Entry<String, RelationKind> f : RELATION_FIELDS.entrySet()) {
      String v = fields.get(f.getKey());
      if (v == null || v.isBlank()) {
        continue;
      }
      List<Relation> list = new ArrayList<>();
      for (String clause : v.replaceAll("\\s+", " ").split(",")) {
        if (clause.isBlank()) {
          continue;
        }
        List<Relation.Alternative> alts = new ArrayList<>();
        for (String alt : clause.split("\\|")) {
          Matcher m = ALTERNATIVE.matcher(alt.strip());
          if (!m.matches()) {
            throw bad(pkg, "bad relation in " + f.getKey() + ": " + EntryChecker.printable(alt));
          }
          Op op = m.group(3) == null ? Op.ANY : Op.fromDebian(m.group(3));
          alts.add(new Relation.Alternative(m.group(1), m.group(2) == null ? "" : m.group(2), op,
              m.group(4) == null ? "" : m.group(4), 0));
        }
        list.add(new Relation(alts));
      }
      out.put(f.getValue(), list);
    }
    return out;
  }

  private static PackageFormatException bad(String pkg, String what) {
    return PackageFormatException.of("bad control file (" + what + ")", pkg, "control",
        "the package is corrupt; rebuild it");
  }
}
