package dev.strata.depsolve.repo;

import dev.strata.depsolve.model.Dependency;
import dev.strata.depsolve.model.Package;
import java.util.List;

/** Public entry points to the Debian control-data parser. */
public final class DebIndexReader {
  private DebIndexReader() {}

  /**
   * Parses dpkg's status file, keeping packages whose files are on disk.
   *
   * @param data the file's bytes
   * @param what the file name, for messages
   * @return the installed packages, repository {@link Package#SYSTEM}
   * @throws RepositoryException when the file is malformed
   */
  public static List<Package> readStatus(byte[] data, String what) throws RepositoryException {
    try {
      return new DebControl(new Interner()).parse(data, Package.SYSTEM, true, what);
    } catch (IllegalArgumentException e) {
      throw new RepositoryException(e.getMessage());
    }
  }

  /**
   * Parses one Debian relation field ({@code a (>= 1) | b:any, c}).
   *
   * @param field the field's value
   * @return one dependency per comma-separated entry; alternatives become an OR
   * @throws RepositoryException when a relation is malformed
   */
  public static List<Dependency> readRelations(String field) throws RepositoryException {
    try {
      return new DebRelations(new Interner()).parseField(field);
    } catch (IllegalArgumentException e) {
      throw new RepositoryException("bad relation '" + field + "': " + e.getMessage());
    }
  }

  /**
   * Parses an uncompressed {@code Packages} index.
   *
   * @param data the file's bytes
   * @param repository the repository id to give each package
   * @param what the file name, for messages
   * @return the packages
   * @throws RepositoryException when the file is malformed
   */
  public static List<Package> readPackages(byte[] data, String repository, String what)
      throws RepositoryException {
    try {
      return new DebControl(new Interner()).parse(data, repository, false, what);
    } catch (IllegalArgumentException e) {
      throw new RepositoryException(e.getMessage());
    }
  }
}
