package dev.strata.pkgdiff;

import dev.strata.depsolve.version.VersionScheme;
import dev.strata.pkgdb.InstalledPackage;
import dev.strata.pkgdb.PackageFormat;
import dev.strata.store.CommitBuilder;
import dev.strata.store.gvariant.Variant;
import dev.strata.store.util.Strcmp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every package of one tree, in the form commits carry it as metadata: {@code strata.pkglist}
 * ({@code a(sssss)}: name, epoch, version, release, arch) and {@code strata.pkgformat} ({@code s}:
 * {@code deb} or {@code rpm}). Packages are sorted by name, then architecture, in byte order.
 *
 * <p>Both compose import (base commits) and layering (layered commits) write these two keys with
 * {@link #toVariant()} and {@link #formatVariant()}; readers decode them with {@link
 * #fromMetadata(Map)}. Immutable and thread-safe.
 *
 * @param format the packaging format, which decides the version order
 * @param packages the packages, sorted by name then arch
 */
public record PackageList(PackageFormat format, List<Package> packages) {
  /** Commit metadata key of the package list. */
  public static final String METADATA_KEY = "strata.pkglist";
  /** Commit metadata key of the packaging format. */
  public static final String FORMAT_KEY = "strata.pkgformat";
  /** GVariant type of {@link #METADATA_KEY}. */
  public static final String TYPE = "a(sssss)";

  private static final Comparator<Package> ORDER =
      Comparator.comparing(Package::name, Strcmp::compare).thenComparing(Package::arch, Strcmp::compare);

  /**
   * One package: name, epoch, version, release and architecture. For Debian, {@code version} is the
   * upstream version and {@code release} the Debian revision (empty for native packages).
   *
   * @param name the package name
   * @param epoch the epoch, 0 when absent
   * @param version the (upstream) version
   * @param release the release or revision, possibly empty
   * @param arch the architecture
   */
  public record Package(String name, int epoch, String version, String release, String arch) {
    /** Checks the fields. */
    public Package {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("package name must not be empty");
      }
      Objects.requireNonNull(version, "version");
      release = release == null ? "" : release;
      arch = arch == null ? "" : arch;
      if (epoch < 0) {
        throw new IllegalArgumentException("epoch (" + epoch + ") of " + name + " must not be negative");
      }
    }

    /** @return {@code [epoch:]version[-release]}, the epoch only when not 0 */
    public String evr() {
      StringBuilder sb = new StringBuilder();
      if (epoch != 0) {
        sb.append(epoch).append(':');
      }
      sb.append(version);
      if (!release.isEmpty()) {
        sb.append('-').append(release);
      }
      return sb.toString();
    }

    /** @return {@code name-evr.arch}, rpm-ostree's NEVRA form */
    public String nevra() {
      return name + "-" + evr() + (arch.isEmpty() ? "" : "." + arch);
    }

    /** @return the version as the depsolver's {@code Evr} */
    public dev.strata.depsolve.version.Evr toEvr() {
      return new dev.strata.depsolve.version.Evr(epoch, version, release.isEmpty() ? null : release);
    }
  }

  /** Copies and sorts the packages. */
  public PackageList {
    Objects.requireNonNull(format, "format");
    List<Package> sorted = new ArrayList<>(packages);
    sorted.sort(ORDER);
    packages = List.copyOf(sorted);
  }

  /**
   * The list of a tree's installed packages.
   *
   * @param format the packaging format
   * @param installed the packages, e.g. from {@code DpkgDatabase.read} or {@code PackageDatabase.packages()}
   * @return the list, sorted
   */
  public static PackageList of(PackageFormat format, Collection<InstalledPackage> installed) {
    List<Package> l = new ArrayList<>(installed.size());
    for (InstalledPackage p : installed) {
      l.add(new Package(p.name(), p.epoch(), p.version(), p.release(), p.arch()));
    }
    return new PackageList(format, l);
  }

  /** @return the version order of this list's format */
  public VersionScheme scheme() {
    return format == PackageFormat.RPM ? VersionScheme.RPM : VersionScheme.DEB;
  }

  /** @return the {@code strata.pkglist} value ({@code a(sssss)}) */
  public Variant toVariant() {
    List<List<String>> rows = new ArrayList<>(packages.size());
    for (Package p : packages) {
      rows.add(List.of(p.name(), Integer.toString(p.epoch()), p.version(), p.release(), p.arch()));
    }
    return new Variant(TYPE, rows);
  }

  /** @return the {@code strata.pkgformat} value ({@code s}: {@code deb} or {@code rpm}) */
  public Variant formatVariant() {
    return Variant.ofString(formatName(format));
  }

  /**
   * Adds {@code strata.pkglist} and {@code strata.pkgformat} to a commit being built.
   *
   * @param commit the commit builder
   * @return the same builder
   */
  public CommitBuilder addTo(CommitBuilder commit) {
    return commit.metadata(METADATA_KEY, toVariant()).metadata(FORMAT_KEY, formatVariant());
  }

  /** @return {@code deb} or {@code rpm} */
  public static String formatName(PackageFormat f) {
    return f.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Decodes the list from a commit's metadata.
   *
   * @param metadata the commit's {@code a{sv}} metadata
   * @return the list, or empty when the commit has no {@code strata.pkglist}
   * @throws IllegalArgumentException when the keys are present but malformed
   */
  public static Optional<PackageList> fromMetadata(Map<String, Variant> metadata) {
    Variant v = metadata.get(METADATA_KEY);
    if (v == null) {
      return Optional.empty();
    }
    if (!TYPE.equals(v.type())) {
      throw new IllegalArgumentException("commit metadata " + METADATA_KEY + " has type " + v.type()
          + ", not " + TYPE + "; rewrite the commit with a current strata");
    }
    Variant f = metadata.get(FORMAT_KEY);
    PackageFormat format = PackageFormat.DEB;
    if (f != null) {
      String s = String.valueOf(f.value());
      if (s.equals("rpm")) {
        format = PackageFormat.RPM;
      } else if (!s.equals("deb")) {
        throw new IllegalArgumentException("commit metadata " + FORMAT_KEY + " is '" + s
            + "', not deb or rpm; rewrite the commit with a current strata");
      }
    }
    List<?> rows = (List<?>) v.value();
    List<Package> l = new ArrayList<>(rows.size());
    for (Object o : rows) {
      List<?> r = (List<?>) o;
      String name = (String) r.get(0);
      int epoch;
      try {
        epoch = ((String) r.get(1)).isEmpty() ? 0 : Integer.parseInt((String) r.get(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("commit metadata " + METADATA_KEY + " has a bad epoch '" + r.get(1)
            + "' for " + name + "; rewrite the commit with a current strata", e);
      }
      l.add(new Package(name, epoch, (String) r.get(2), (String) r.get(3), (String) r.get(4)));
    }
    return Optional.of(new PackageList(format, l));
  }
}
