package dev.strata.pkgdb;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The tables of the package database and its version check. */
final class Schema {
  private Schema() {}

  static void create(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE meta(k VARCHAR PRIMARY KEY, v VARCHAR NOT NULL)");
      st.execute("INSERT INTO meta VALUES ('schema', '" + PackageDatabase.SCHEMA_VERSION + "')");
      st.execute("CREATE TABLE packages(id INT PRIMARY KEY, format VARCHAR NOT NULL, name VARCHAR NOT NULL,"
          + " epoch INT NOT NULL, version VARCHAR NOT NULL, release VARCHAR NOT NULL, arch VARCHAR NOT NULL)");
      st.execute("CREATE TABLE files(pkg INT NOT NULL, seq INT NOT NULL, path VARCHAR NOT NULL)");
      st.execute("CREATE TABLE provides(pkg INT NOT NULL, seq INT NOT NULL, cap VARCHAR NOT NULL,"
          + " capname VARCHAR NOT NULL)");
      st.execute("CREATE TABLE requires(pkg INT NOT NULL, seq INT NOT NULL, cap VARCHAR NOT NULL)");
      st.execute("CREATE INDEX packages_name ON packages(name)");
      st.execute("CREATE INDEX files_path ON files(path)");
      st.execute("CREATE INDEX files_pkg ON files(pkg)");
      st.execute("CREATE INDEX provides_capname ON provides(capname)");
      st.execute("CREATE INDEX provides_pkg ON provides(pkg)");
      st.execute("CREATE INDEX requires_pkg ON requires(pkg)");
    }
  }

  static void check(Connection c, Path file) throws SQLException, IOException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT v FROM meta WHERE k = 'schema'")) {
      if (!rs.next() || !String.valueOf(PackageDatabase.SCHEMA_VERSION).equals(rs.getString(1))) {
        throw new IOException("the package database " + file + " has an unknown schema version; "
            + "re-import the base with this version of Strata");
      }
    }
  }
}
