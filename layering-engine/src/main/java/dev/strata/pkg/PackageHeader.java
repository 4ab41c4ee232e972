package dev.strata.pkg;

import java.util.List;
import java.util.Map;

/**
 * What a package says about itself, before its payload is read.
 *
 * @param format RPM or DEB
 * @param name the package name
 * @param version epoch, version and release/revision as strings
 * @param arch the architecture ({@code x86_64}, {@code noarch}, {@code amd64}, {@code all}...)
 * @param fields the raw descriptive fields: for Debian every control field in file order with its
 *     value exactly as written (continuation lines included); for RPM the main string tags
 *     ({@code Summary}, {@code Description}, {@code License}, {@code URL}, {@code Vendor},
 *     {@code Group}, {@code Packager}, {@code SourceRPM}...)
 * @param relations the relations by kind; a kind with none is absent
 * @param scripts the maintainer scripts
 * @param triggers the triggers
 * @param conffiles the paths of configuration files (RPM %config, Debian conffiles)
 * @param payloadCompression the compressor of the payload ({@code gzip}, {@code xz},
 *     {@code zstd}, {@code bzip2}, {@code lzma} or {@code none})
 */
public record PackageHeader(
    PackageFormat format,
    String name,
    PackageVersion version,
    String arch,
    Map<String, String> fields,
    Map<RelationKind, List<Relation>> relations,
    List<Script> scripts,
    List<Trigger> triggers,
    List<String> conffiles,
    String payloadCompression) {

  /** Copies the collections (keeping their order). */
  public PackageHeader {
    fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    java.util.EnumMap<RelationKind, List<Relation>> rel = new java.util.EnumMap<>(RelationKind.class);
    relations.forEach((k, v) -> rel.put(k, List.copyOf(v)));
    relations = java.util.Collections.unmodifiableMap(rel);
    scripts = List.copyOf(scripts);
    triggers = List.copyOf(triggers);
    conffiles = List.copyOf(conffiles);
  }

  /**
   * @param kind a relation kind
   * @return its clauses, empty if none
   */
  public List<Relation> relations(RelationKind kind) {
    return relations.getOrDefault(kind, List.of());
  }

  /** @return {@code name-version.arch} for RPM, {@code name_version_arch} for Debian */
  public String nevra() {
    return format == PackageFormat.RPM
        ? name + "-" + version.full() + "." + arch
        : name + "_" + version.full() + "_" + arch;
  }
}
