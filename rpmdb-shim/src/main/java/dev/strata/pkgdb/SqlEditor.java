package dev.strata.pkgdb;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Writes packages into an open copy of the database. */
final class SqlEditor implements PackageDatabase.Editor {
  private final Connection conn;
  private int nextId;

  SqlEditor(Connection conn) throws IOException {
    this.conn = conn;
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) FROM packages")) {
      rs.next();
      nextId = rs.getInt(1) + 1;
    } catch (SQLException e) {
      throw new IOException("cannot read the package database: " + e.getMessage(), e);
    }
  }

  @Override
  public void add(InstalledPackage p) throws IOException {
    int id = nextId++;
    try {
      try (PreparedStatement st = conn.prepareStatement("INSERT INTO packages VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        st.setInt(1, id);
        st.setString(2, p.format().name());
        st.setString(3, p.name());
        st.setInt(4, p.epoch());
        st.setString(5, p.version());
        st.setString(6, p.release());
        st.setString(7, p.arch());
        st.executeUpdate();
      }
      insertAll("INSERT INTO files VALUES (?, ?, ?)", id, p.files(), false);
      insertAll("INSERT INTO provides VALUES (?, ?, ?, ?)", id, p.provides(), true);
      insertAll("INSERT INTO requires VALUES (?, ?, ?)", id, p.requires(), false);
    } catch (SQLException e) {
      throw new IOException("cannot add " + p.name() + " " + p.evr() + " to the package database: "
          + e.getMessage(), e);
    }
  }

  @Override
  public int remove(String name, String arch) throws IOException {
    String where = arch == null ? "name = ?" : "name = ? AND arch = ?";
    try {
      for (String t : new String[] {"files", "provides", "requires"}) {
        try (PreparedStatement st = conn.prepareStatement(
            "DELETE FROM " + t + " WHERE pkg IN (SELECT id FROM packages WHERE " + where + ")")) {
          bind(st, name, arch);
          st.executeUpdate();
        }
      }
      try (PreparedStatement st = conn.prepareStatement("DELETE FROM packages WHERE " + where)) {
        bind(st, name, arch);
        return st.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IOException("cannot remove " + name + " from the package database: " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement st, String name, String arch) throws SQLException {
    st.setString(1, name);
    if (arch != null) {
      st.setString(2, arch);
    }
  }

  private void insertAll(String sql, int id, List<String> values, boolean withName) throws SQLException {
    if (values.isEmpty()) {
      return;
    }
    try (PreparedStatement st = conn.prepareStatement(sql)) {
      int seq = 0;
      for (String v : values) {
        st.setInt(1, id);
        st.setInt(2, seq++);
        st.setString(3, v);
        if (withName) {
          st.setString(4, capabilityName(v));
        }
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  /**
   * The name part of a capability: {@code foo (= 1.0)} and {@code foo:any} give {@code foo}, while
   * RPM names such as {@code perl(Foo::Bar)} or {@code libc.so.6(GLIBC_2.34)(64bit)} stay whole.
   */
  static String capabilityName(String cap) {
    String s = cap.trim();
    int sp = s.indexOf(' ');
    if (sp > 0) {
      s = s.substring(0, sp);
    }
    int colon = s.indexOf(':');
    if (colon > 0 && s.indexOf('(') < 0 && !s.startsWith("/")) {
      s = s.substring(0, colon);
    }
    return s;
  }
}
