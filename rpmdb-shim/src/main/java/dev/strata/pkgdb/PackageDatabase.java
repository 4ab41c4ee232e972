package dev.strata.pkgdb;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The H2 package database of one tree, a single file named {@code *.mv.db}.
 *
 * <p>The file is never edited in place: {@link #create} and {@link #update} build a new file
 * beside it, close it, fsync it and rename it over the old one, so a reader (or a hardlink into an
 * object store) only ever sees a complete database, and a crash leaves the previous one. A handle
 * from {@link #open} is read-only. Instances are not thread-safe.
 */
public final class PackageDatabase implements AutoCloseable {
  /** The schema version stored in the database. */
  public static final int SCHEMA_VERSION = 1;

  private static final String SUFFIX = ".mv.db";
  private final Path file;
  private final Connection conn;

  private PackageDatabase(Path file, Connection conn) {
    this.file = file;
    this.conn = conn;
  }

  /** Edits a copy of the database. */
  @FunctionalInterface
  public interface Edit {
    /**
     * Applies the edit.
     *
     * @param editor adds and removes packages in the copy
     * @throws IOException to abandon the edit; the original stays as it was
     */
    void apply(Editor editor) throws IOException;
  }

  /** Adds and removes packages in a database being rewritten. */
  public interface Editor {
    /**
     * Adds a package.
     *
     * @param pkg the package
     * @throws IOException when the database cannot be written
     */
    void add(InstalledPackage pkg) throws IOException;

    /**
     * Removes every package of that name (and architecture, unless null).
     *
     * @param name the package name
     * @param arch the architecture, or null for any
     * @return how many packages were removed
     * @throws IOException when the database cannot be written
     */
    int remove(String name, String arch) throws IOException;
  }

  /**
   * Writes a new database holding exactly {@code packages}, replacing any file at {@code file}.
   *
   * @param file the database file, ending in {@code .mv.db}
   * @param packages the packages
   * @throws IOException when it cannot be written; the previous file, if any, is untouched
   */
  public static void create(Path file, Collection<InstalledPackage> packages) throws IOException {
    replace(file, false, e -> {
      for (InstalledPackage p : packages) {
        e.add(p);
      }
    });
  }

  /**
   * Copies the database, applies {@code edit} to the copy and renames the copy into place.
   *
   * @param file the database file, ending in {@code .mv.db}
   * @param edit the changes
   * @throws IOException when the edit fails or the file cannot be written; the original is then
   *     unchanged
   */
  public static void update(Path file, Edit edit) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no package database at " + file + "; import the base tree first");
    }
    replace(file, true, edit);
  }

  /**
   * Opens the database read-only.
   *
   * @param file the database file, ending in {@code .mv.db}
   * @return a read-only handle
   * @throws IOException when it is missing or unreadable
   */
  public static PackageDatabase open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no package database at " + file + "; import the base tree first");
    }
    try {
      Connection c = DriverManager.getConnection(url(file) + ";ACCESS_MODE_DATA=r", "sa", "");
      return new PackageDatabase(file, c);
    } catch (SQLException e) {
      throw new IOException("cannot open the package database " + file + ": " + e.getMessage()
          + "; it may be damaged, re-import the base", e);
    }
  }

  /**
   * All packages, ordered by name and architecture.
   *
   * @return the packages
   * @throws IOException when the database cannot be read
   */
  public List<InstalledPackage> packages() throws IOException {
    return query("SELECT id, format, name, epoch, version, release, arch FROM packages ORDER BY name, arch", null);
  }

  /**
   * The packages of one name.
   *
   * @param name the package name
   * @return the packages, possibly empty
   * @throws IOException when the database cannot be read
   */
  public List<InstalledPackage> find(String name) throws IOException {
    return query("SELECT id, format, name, epoch, version, release, arch FROM packages WHERE name = ? ORDER BY arch", name);
  }

  /**
   * The packages that own a path.
   *
   * @param path an absolute path
   * @return the owners, possibly empty
   * @throws IOException when the database cannot be read
   */
  public List<InstalledPackage> ownersOf(String path) throws IOException {
    return query("SELECT p.id, p.format, p.name, p.epoch, p.version, p.release, p.arch FROM packages p "
        + "JOIN files f ON f.pkg = p.id WHERE f.path = ? ORDER BY p.name", path);
  }

  /**
   * The packages that provide a capability by name (the version part of a provide is ignored).
   *
   * @param capability a capability name
   * @return the providers, possibly empty
   * @throws IOException when the database cannot be read
   */
  public List<InstalledPackage> providers(String capability) throws IOException {
    return query("SELECT DISTINCT p.id, p.format, p.name, p.epoch, p.version, p.release, p.arch FROM packages p "
        + "JOIN provides r ON r.pkg = p.id WHERE r.capname = ? ORDER BY p.name", capability);
  }

  /** @return the database file */
  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    try {
      conn.close();
    } catch (SQLException e) {
      throw new IOException("cannot close the package database " + file + ": " + e.getMessage(), e);
    }
  }

  private List<InstalledPackage> query(String sql, String arg) throws IOException {
    try (PreparedStatement st = conn.prepareStatement(sql)) {
      if (arg != null) {
        st.setString(1, arg);
      }
      Map<Integer, Object[]> rows = new LinkedHashMap<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getInt(1), new Object[] {rs.getString(2), rs.getString(3), rs.getInt(4),
              rs.getString(5), rs.getString(6), rs.getString(7)});
        }
      }
      Integer[] ids = rows.keySet().toArray(new Integer[0]);
      Map<Integer, List<String>> provides = column("provides", "cap", ids);
      Map<Integer, List<String>> requires = column("requires", "cap", ids);
      Map<Integer, List<String>> files = column("files", "path", ids);
      List<InstalledPackage> out = new ArrayList<>(rows.size());
      for (Map.Entry<Integer, Object[]> e : rows.entrySet()) {
        Object[] r = e.getValue();
        int id = e.getKey();
        out.add(new InstalledPackage(PackageFormat.valueOf((String) r[0]), (String) r[1], (Integer) r[2],
            (String) r[3], (String) r[4], (String) r[5], provides.getOrDefault(id, List.of()),
            requires.getOrDefault(id, List.of()), files.getOrDefault(id, List.of())));
      }
      return out;
    } catch (SQLException e) {
      throw new IOException("cannot read the package database " + file + ": " + e.getMessage(), e);
    }
  }

  /** One query for a per-package list column of all {@code ids}: package id to values in order. */
  private Map<Integer, List<String>> column(String table, String col, Integer[] ids) throws SQLException {
    Map<Integer, List<String>> out = new HashMap<>();
    if (ids.length == 0) {
      return out;
    }
    try (PreparedStatement st = conn.prepareStatement(
        "SELECT pkg, " + col + " FROM " + table + " WHERE pkg = ANY(?) ORDER BY pkg, seq")) {
      st.setObject(1, ids);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
    }
    return out;
  }

  private static String url(Path file) throws IOException {
    String name = file.getFileName().toString();
    if (!name.endsWith(SUFFIX)) {
      throw new IOException("a package database file must end in " + SUFFIX + ": " + file);
    }
    Path base = file.toAbsolutePath().resolveSibling(name.substring(0, name.length() - SUFFIX.length()));
    return "jdbc:h2:file:" + base + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  private static void replace(Path file, boolean copyFirst, Edit edit) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    String name = file.getFileName().toString();
    Path tmp = dir.resolve(name.substring(0, name.length() - SUFFIX.length())
        + ".tmp-" + ProcessHandle.current().pid() + SUFFIX);
    Files.deleteIfExists(tmp);
    try {
      if (copyFirst) {
        Files.copy(file, tmp, StandardCopyOption.COPY_ATTRIBUTES);
      }
      try (Connection c = DriverManager.getConnection(url(tmp), "sa", "")) {
        c.setAutoCommit(false);
        if (!copyFirst) {
          Schema.create(c);
        }
        Schema.check(c, tmp);
        edit.apply(new SqlEditor(c));
        c.commit();
        try (Statement st = c.createStatement()) {
          st.execute("SHUTDOWN");
        }
      } catch (SQLException e) {
        throw new IOException("cannot write the package database " + file + ": " + e.getMessage(), e);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
        ch.force(true);
      }
    } finally {
      Files.deleteIfExists(tmp);
      Files.deleteIfExists(tmp.resolveSibling(tmp.getFileName() + ".lock"));
    }
  }
}
