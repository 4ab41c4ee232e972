package dev.strata.pkgdiff;

import dev.strata.pkgdb.InstalledPackage;
import dev.strata.pkgdb.PackageDatabase;
import dev.strata.pkgdb.PackageFormat;
import dev.strata.pkgdb.dpkg.DpkgDatabase;
import dev.strata.store.Checksum;
import dev.strata.store.Commit;
import dev.strata.store.DirTree;
import dev.strata.store.ObjectType;
import dev.strata.store.Repo;
import dev.strata.store.gvariant.Variant;
import dev.strata.store.util.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Reads the package list of a commit without checking it out: from the {@code strata.pkglist}
 * metadata when the commit has it, else from the package database inside the tree, found through
 * the commit's dirtree objects: dpkg's status file in {@value #DPKG_STATUS} or {@value
 * #DPKG_STATUS_VAR} (dpkg's own database wins where it exists), else Strata's H2 database {@value
 * #STRATA_DB} (written for trees whose native database Strata does not read). The database file is copied out to a private
 * temporary directory and opened read-only there. Stateless and thread-safe.
 */
public final class PackageLists {
  /** Strata's package database in a tree (rpmdb-shim). */
  public static final String STRATA_DB = "usr/lib/strata/packages.mv.db";
  /** dpkg's status file in a tree that follows ostree's conventions. */
  public static final String DPKG_STATUS = "usr/share/dpkg/database/status";
  /** dpkg's status file in a plain distribution tree. */
  public static final String DPKG_STATUS_VAR = "var/lib/dpkg/status";

  private PackageLists() {}

  /** Where a package list came from. */
  public enum Source {
    /** The commit's {@code strata.pkglist} metadata. */
    METADATA,
    /** Strata's H2 package database in the tree. */
    STRATA_DB,
    /** dpkg's status file in the tree. */
    DPKG_STATUS
  }

  /**
   * A package list with its origin.
   *
   * @param list the packages
   * @param source where they were read from
   */
  public record Read(PackageList list, Source source) {}

  /**
   * Reads the package list of {@code commit}.
   *
   * @param repo the repository
   * @param commit a commit checksum
   * @return the list and where it came from
   * @throws IOException when the commit is missing or has neither a list nor a package database
   */
  public static Read read(Repo repo, Checksum commit) throws IOException {
    Commit c = repo.readCommit(commit);
    Optional<PackageList> meta;
    try {
      meta = PackageList.fromMetadata(c.metadata());
    } catch (IllegalArgumentException e) {
      throw new IOException("commit " + commit.hex() + ": " + e.getMessage(), e);
    }
    if (meta.isPresent()) {
      return new Read(meta.get(), Source.METADATA);
    }
    return readTree(repo, c);
  }

  /**
   * Reads the package list from the package database in the commit's tree, ignoring any metadata.
   *
   * @param repo the repository
   * @param c the commit
   * @return the list and where it came from
   * @throws IOException when the tree has no package database
   */
  public static Read readTree(Repo repo, Commit c) throws IOException {
    Checksum status = find(repo, c.rootTree(), DPKG_STATUS);
    if (status == null) {
      status = find(repo, c.rootTree(), DPKG_STATUS_VAR);
    }
    if (status != null) {
      return new Read(readDpkgStatus(repo, status), Source.DPKG_STATUS);
    }
    Checksum db = find(repo, c.rootTree(), STRATA_DB);
    if (db != null) {
      return new Read(readStrataDb(repo, db), Source.STRATA_DB);
    }
    throw new IOException("commit " + c.checksum().hex() + " has no package list: no " + PackageList.METADATA_KEY
        + " metadata and no " + STRATA_DB + ", " + DPKG_STATUS + " or " + DPKG_STATUS_VAR
        + " in its tree; commit a tree with a package database (strata compose import)");
  }

  /**
   * The base commit of {@code commit}: its parent when it is a layered commit (metadata {@code
   * strata.layer-version}, or rpm-ostree's {@code rpmostree.clientlayer}), else the commit itself.
   *
   * @param repo the repository
   * @param commit a commit checksum
   * @return the base commit
   * @throws IOException when a layered commit's parent is missing
   */
  public static Checksum base(Repo repo, Checksum commit) throws IOException {
    Commit c = repo.readCommit(commit);
    boolean layered = c.metadata().containsKey("strata.layer-version")
        || Boolean.TRUE.equals(c.metadata().getOrDefault("rpmostree.clientlayer", Variant.ofBoolean(false)).value());
    if (!layered) {
      return commit;
    }
    Checksum parent = c.parent().orElseThrow(() -> new IOException("layered commit " + commit.hex()
        + " has no parent, so its base is unknown; compare it without --base"));
    if (!repo.hasObject(parent, ObjectType.COMMIT)) {
      throw new IOException("the base commit " + parent.hex() + " of layered commit " + commit.hex()
          + " is not in the repository; pull it, or compare without --base");
    }
    return parent;
  }

  private static PackageList readStrataDb(Repo repo, Checksum file) throws IOException {
    List<InstalledPackage> l = readStrataRows(repo, file);
    PackageFormat f = l.isEmpty() ? PackageFormat.DEB : l.get(0).format();
    return PackageList.of(f, l);
  }

  /**
   * Every row (with provides, requires and files) of Strata's package database {@value
   * #STRATA_DB} in a commit's tree, read from a private copy.
   *
   * @param repo the repository
   * @param commit the commit
   * @return the packages, or empty when the tree has no such database
   * @throws IOException when the commit or the database cannot be read
   */
  public static Optional<List<InstalledPackage>> strataDatabase(Repo repo, Checksum commit)
      throws IOException {
    Checksum db = find(repo, repo.readCommit(commit).rootTree(), STRATA_DB);
    return db == null ? Optional.empty() : Optional.of(readStrataRows(repo, db));
  }

  private static List<InstalledPackage> readStrataRows(Repo repo, Checksum file) throws IOException {
    Path dir = Files.createTempDirectory("strata-pkgdb-");
    try {
      Path copy = dir.resolve("packages.mv.db");
      extract(repo, file, copy);
      try (PackageDatabase pdb = PackageDatabase.open(copy)) {
        return pdb.packages();
      }
    } finally {
      AtomicFiles.deleteTree(dir);
    }
  }

  private static PackageList readDpkgStatus(Repo repo, Checksum file) throws IOException {
    Path dir = Files.createTempDirectory("strata-dpkg-");
    try {
      extract(repo, file, dir.resolve("status"));
      return PackageList.of(PackageFormat.DEB, DpkgDatabase.read(dir));
    } finally {
      AtomicFiles.deleteTree(dir);
    }
  }

  private static void extract(Repo repo, Checksum file, Path to) throws IOException {
    try (InputStream in = repo.readFile(file).openContent()) {
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The file checksum at {@code path} below the dirtree {@code root}, or null (symlinks are not followed). */
  static Checksum find(Repo repo, Checksum root, String path) throws IOException {
    String[] parts = path.split("/");
    Checksum tree = root;
    for (int i = 0; i < parts.length - 1; i++) {
      DirTree.DirEntry d = repo.readDirTree(tree).dir(parts[i]);
      if (d == null) {
        return null;
      }
      tree = d.tree();
    }
    DirTree.FileEntry f = repo.readDirTree(tree).file(parts[parts.length - 1]);
    if (f == null || repo.readFile(f.checksum()).header().symlinkTarget().length() > 0) {
      return null;
    }
    return f.checksum();
  }
}
