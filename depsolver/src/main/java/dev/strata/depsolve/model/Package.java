package dev.strata.depsolve.model;

import dev.strata.depsolve.version.Evr;
import dev.strata.depsolve.version.VersionScheme;
import java.util.List;

/**
 * One binary package as the solver sees it: identity, relations and where it comes from.
 *
 * <p>Immutable and thread-safe. Debian's Depends and Pre-Depends are both in {@link #requires()}
 * ({@link #preDepends()} says how many of the first entries came from Pre-Depends). File lists
 * are only present for installed RPM packages and for RPM repositories whose filelists were loaded.
 *
 * @param scheme which version order applies
 * @param name package name
 * @param evr version
 * @param arch architecture ({@code amd64}, {@code all}, {@code x86_64}, {@code noarch}, ...)
 * @param multiArch Debian Multi-Arch, {@link MultiArch#NO} for RPM
 * @param essential Debian {@code Essential: yes}
 * @param priority 0 required, 1 important, 2 standard, 3 optional, 4 extra or unknown
 * @param requires Depends (and Pre-Depends) / Requires
 * @param preDepends how many leading entries of {@code requires} are Pre-Depends
 * @param recommends Recommends
 * @param conflicts Conflicts
 * @param breaks Debian Breaks (treated like Conflicts when solving)
 * @param obsoletes RPM Obsoletes
 * @param provides Provides (the package's own name is implied)
 * @param files file paths the package owns (RPM), empty when unknown
 * @param repository the repository id, {@code @System} for installed packages
 * @param location the file's path relative to the repository base, or null
 * @param size the file size in bytes, 0 when unknown
 * @param sha256 the file's SHA-256 in hex, or null
 */
public record Package(
    VersionScheme scheme,
    String name,
    Evr evr,
    String arch,
    MultiArch multiArch,
    boolean essential,
    int priority,
    List<Dependency> requires,
    int preDepends,
    List<Dependency> recommends,
    List<Dependency> conflicts,
    List<Dependency> breaks,
    List<Dependency> obsoletes,
    List<Relation> provides,
    List<String> files,
    String repository,
    String location,
    long size,
    String sha256) {

  /** The repository id of installed packages. */
  public static final String SYSTEM = "@System";

  /** The repository id of package files given on the command line (as dnf and libsolv name it). */
  public static final String COMMAND_LINE = "@commandline";

  /** @return {@code name version arch}, for messages */
  public String nva() {
    return name + " " + evr + " " + arch;
  }

  /** @return a copy attributed to another repository */
  public Package withRepository(String repo) {
    return new Package(scheme, name, evr, arch, multiArch, essential, priority, requires, preDepends,
        recommends, conflicts, breaks, obsoletes, provides, files, repo, location, size, sha256);
  }

  @Override
  public String toString() {
    return name + "=" + evr + "." + arch;
  }

  /**
   * Equality over every field, as the generated one (written out: the generated one bootstraps
   * method-handle machinery on first use, a cold cost in every solve); the identifying fields and
   * the cheap ones are compared first.
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof Package p && name.equals(p.name) && evr.equals(p.evr) && arch.equals(p.arch)
        && java.util.Objects.equals(repository, p.repository) && scheme == p.scheme
        && multiArch == p.multiArch && essential == p.essential && priority == p.priority
        && preDepends == p.preDepends && size == p.size
        && java.util.Objects.equals(location, p.location) && java.util.Objects.equals(sha256, p.sha256)
        && requires.equals(p.requires) && recommends.equals(p.recommends)
        && conflicts.equals(p.conflicts) && breaks.equals(p.breaks) && obsoletes.equals(p.obsoletes)
        && provides.equals(p.provides) && files.equals(p.files);
  }

  /**
   * A hash of the identifying fields only (consistent with the record's equality over all of
   * them): the generated one would walk every relation list.
   */
  @Override
  public int hashCode() {
    return ((name.hashCode() * 31 + evr.hashCode()) * 31 + arch.hashCode()) * 31
        + java.util.Objects.hashCode(repository);
  }

  /**
   * Starts a package description.
   *
   * @param scheme the version order
   * @param name the name
   * @param evr the version
   * @param arch the architecture
   * @return a builder
   */
  public static Builder builder(VersionScheme scheme, String name, Evr evr, String arch) {
    return new Builder(scheme, name, evr, arch);
  }

  /** Builds a {@link Package}; not thread-safe. */
  public static final class Builder {
    private final VersionScheme scheme;
    private final String name;
    private final Evr evr;
    private final String arch;
    private MultiArch multiArch = MultiArch.NO;
    private boolean essential;
    private int priority = 4;
    private List<Dependency> requires = List.of();
    private int preDepends;
    private List<Dependency> recommends = List.of();
    private List<Dependency> conflicts = List.of();
    private List<Dependency> breaks = List.of();
    private List<Dependency> obsoletes = List.of();
    private List<Relation> provides = List.of();
    private List<String> files = List.of();
    private String repository = SYSTEM;
    private String location;
    private long size;
    private String sha256;

    Builder(VersionScheme scheme, String name, Evr evr, String arch) {
      this.scheme = scheme;
      this.name = name;
      this.evr = evr;
      this.arch = arch;
    }

    /** @return this */
    public Builder multiArch(MultiArch v) {
      multiArch = v;
      return this;
    }

    /** @return this */
    public Builder essential(boolean v) {
      essential = v;
      return this;
    }

    /** @return this */
    public Builder priority(int v) {
      priority = v;
      return this;
    }

    /** @return this */
    public Builder requires(List<? extends Dependency> v, int preDependsCount) {
      requires = List.copyOf(v);
      preDepends = preDependsCount;
      return this;
    }

    /** @return this */
    public Builder requires(List<? extends Dependency> v) {
      return requires(v, 0);
    }

    /** @return this */
    public Builder recommends(List<? extends Dependency> v) {
      recommends = List.copyOf(v);
      return this;
    }

    /** @return this */
    public Builder conflicts(List<? extends Dependency> v) {
      conflicts = List.copyOf(v);
      return this;
    }

    /** @return this */
    public Builder breaks(List<? extends Dependency> v) {
      breaks = List.copyOf(v);
      return this;
    }

    /** @return this */
    public Builder obsoletes(List<? extends Dependency> v) {
      obsoletes = List.copyOf(v);
      return this;
    }

    /** @return this */
    public Builder provides(List<Relation> v) {
      provides = List.copyOf(v);
      return this;
    }

    /** @return this */
    public Builder files(List<String> v) {
      files = List.copyOf(v);
      return this;
    }

    /** @return this */
    public Builder repository(String v) {
      repository = v;
      return this;
    }

    /** @return this */
    public Builder location(String path, long bytes, String sha) {
      location = path;
      size = bytes;
      sha256 = sha;
      return this;
    }

    /** @return the package */
    public Package build() {
      return new Package(scheme, name, evr, arch, multiArch, essential, priority, requires,
          preDepends, recommends, conflicts, breaks, obsoletes, provides, files, repository,
          location, size, sha256);
    }
  }
}
