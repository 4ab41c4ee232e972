package dev.strata.layering.assemble;

import dev.strata.layering.LayeringException;
import dev.strata.layering.importer.CachedPackage;
import dev.strata.pkgdb.InstalledPackage;
import dev.strata.pkgdb.PackageDatabase;
import dev.strata.pkgdb.PackageFormat;
import dev.strata.pkgdb.dpkg.DpkgDatabase;
import dev.strata.pkgdiff.PackageList;
import dev.strata.store.Checksum;
import dev.strata.store.Repo;
import dev.strata.store.TreeReader;
import dev.strata.store.checkout.Checkout;
import dev.strata.store.errors.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes the layered packages into the tree's rpmdb-shim database ({@code
 * usr/lib/strata/packages.mv.db}). The new database is built from the base COMMIT only (never from
 * the staging tree, so it can run while the tree is assembled): the base's file is copied out of
 * the repository, edited, fsynced, and later renamed over the tree's hardlink, so the repository
 * object is never opened. A base without one gets it from its dpkg database.
 */
public final class PackageDbWriter {
  /** The database inside a tree. */
  public static final String DB = "usr/lib/strata/packages.mv.db";
  /** dpkg's admin directory inside a committed tree. */
  public static final String DPKG_DB = "usr/share/dpkg/database";

  /**
   * A database written beside the tree, ready to be moved into it.
   *
   * @param file the fsynced database file, on the tree's file system
   * @param packages the full package list it holds, for the commit's metadata
   */
  public record Prepared(Path file, PackageList packages) {}

  private PackageDbWriter() {}

  /**
   * Writes the database of {@code base} plus {@code pkgs} (replacing packages of the same name and
   * architecture) in {@code dir}.
   *
   * @param repo the repository
   * @param base the base commit
   * @param pkgs the layered packages
   * @param dir a new scratch directory on the staging tree's file system (created here)
   * @return the prepared database
   */
  public static Prepared prepare(Repo repo, Checksum base, List<CachedPackage> pkgs, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    Path db = dir.resolve(Path.of(DB).getFileName());
    TreeReader t = repo.treeReader(base);
    TreeReader.Entry e = lookup(t, "/" + DB);
    List<InstalledPackage> added = pkgs.stream().map(PackageDbWriter::toInstalled).toList();
    if (e != null && !e.directory()) {
      try (InputStream in = t.file(e).openContent()) {
        Files.copy(in, db);
      }
      PackageDatabase.update(db, ed -> {
        for (InstalledPackage p : added) {
          ed.remove(p.name(), p.arch());
          ed.add(p);
        }
      });
      // compose import writes the base's database and its strata.pkglist from the same list
      Optional<PackageList> listed = PackageList.fromMetadata(repo.readCommit(base).metadata());
      if (listed.isPresent()) {
        return new Prepared(db, withLayered(listed.get(), added));
      }
      try (PackageDatabase d = PackageDatabase.open(db)) {
        return new Prepared(db, list(d.packages()));
      }
    }
    if (lookup(t, "/" + DPKG_DB + "/status") == null) {
      throw new LayeringException("the base has no package database (" + DB + " or dpkg status);"
          + " re-import the base with 'strata compose import'");
    }
    Path dpkg = dir.resolve("dpkg");
    Checkout.of(repo, base).subpath("/" + DPKG_DB).destination(dpkg).call();
    List<InstalledPackage> all = new ArrayList<>(DpkgDatabase.read(dpkg));
    all.removeIf(i -> added.stream().anyMatch(p -> p.name().equals(i.name()) && p.arch().equals(i.arch())));
    all.addAll(added);
    PackageDatabase.create(db, all);
    return new Prepared(db, list(all));
  }

  private static PackageList list(List<InstalledPackage> all) {
    return PackageList.of(all.stream().anyMatch(p -> p.format() == PackageFormat.RPM)
        ? PackageFormat.RPM : PackageFormat.DEB, all);
  }

  /**
   * A base's list with the layered packages, which replace those of the same name and
   * architecture (as the database edit does).
   */
  private static PackageList withLayered(PackageList base, List<InstalledPackage> added) {
    PackageList add = list(added);
    List<PackageList.Package> l = new ArrayList<>(base.packages());
    l.removeIf(x -> add.packages().stream().anyMatch(p -> p.name().equals(x.name()) && p.arch().equals(x.arch())));
    l.addAll(add.packages());
    return new PackageList(base.format() == PackageFormat.RPM ? PackageFormat.RPM : add.format(), l);
  }

  /**
   * Renames a prepared database over the tree's (a hardlink to the base's object, if any) and
   * fsyncs the directory.
   *
   * @param db the prepared database
   * @param root the staging tree
   */
  public static void install(Prepared db, Path root) throws IOException {
    Path target = root.resolve(DB);
    Files.createDirectories(target.getParent());
    Files.move(db.file(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel ch = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static TreeReader.Entry lookup(TreeReader t, String path) throws IOException {
    try {
      return t.lookup(path);
    } catch (StoreException e) {
      return null;
    }
  }

  /** The database row of a cached package. */
  public static InstalledPackage toInstalled(CachedPackage p) {
    List<String> files = p.files().stream().filter(f -> !f.equals("/.")).toList();
    int epoch = p.epoch().isEmpty() ? 0 : Integer.parseInt(p.epoch());
    return new InstalledPackage(p.format().equals("deb") ? PackageFormat.DEB : PackageFormat.RPM,
        p.name(), epoch, p.version(), p.release(), p.arch(), p.provides(), p.requires(), files);
  }
}
