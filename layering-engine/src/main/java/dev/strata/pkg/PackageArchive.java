package dev.strata.pkg;

import dev.strata.pkg.deb.DebArchive;
import dev.strata.pkg.rpm.RpmArchive;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An open package file, RPM or .deb: its header and, once, its payload as a stream of entries.
 * Reading never writes anything. Not thread-safe; close it when done.
 *
 * <pre>{@code
 * try (PackageArchive a = PackageArchive.open(path)) {
 *   PackageHeader h = a.header();
 *   try (PayloadStream p = a.payload()) {
 *     for (PayloadEntry e; (e = p.next()) != null; ) { ... e.file() ... e.data() ... }
 *   }
 * }
 * }</pre>
 */
public abstract class PackageArchive implements Closeable {
  /** Whether content is hashed and compared with the header while the payload is read. */
  protected boolean verifyContent = true;

  /**
   * Opens a package, detecting the format from its first bytes, and reads its header.
   *
   * @param file an .rpm or .deb file
   * @return the open archive
   * @throws PackageFormatException when the file is not a well-formed package
   * @throws IOException when it cannot be read
   */
  public static PackageArchive open(Path file) throws IOException {
    byte[] magic = new byte[8];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(magic, 0, 8);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "no such package file");
    }
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    if (n == 8 && new String(magic, java.nio.charset.StandardCharsets.ISO_8859_1).equals("!<arch>\n")) {
      return DebArchive.open(file);
    }
    if (n >= 4 && (magic[0] & 0xff) == 0xed && (magic[1] & 0xff) == 0xab
        && (magic[2] & 0xff) == 0xee && (magic[3] & 0xff) == 0xdb) {
      return RpmArchive.open(file);
    }
    throw PackageFormatException.of("not an RPM or .deb package", name, "file header",
        "give a .rpm or .deb file");
  }

  /**
   * Reads a whole package: header, then every payload entry (checking sizes and digests).
   *
   * @param file an .rpm or .deb file
   * @param verifyContent false to skip hashing file contents (structure, paths and sizes are
   *     still checked)
   * @return the header and the file list
   * @throws PackageFormatException when the package is malformed or unsafe
   * @throws IOException when it cannot be read
   */
  public static Package read(Path file, boolean verifyContent) throws IOException {
    try (PackageArchive a = open(file)) {
      a.verifyContent = verifyContent;
      return new Package(a.header(), a.readFiles());
    }
  }

  /**
   * Like {@link #read(Path, boolean)} with content verification.
   *
   * @param file an .rpm or .deb file
   * @return the header and the file list
   * @throws IOException as {@link #read(Path, boolean)}
   */
  public static Package read(Path file) throws IOException {
    return read(file, true);
  }

  /**
   * Reads the payload to the end and returns the file list: for RPM the header's list (ghost files
   * included), for .deb the data.tar members with hardlink groups filled in.
   *
   * @return the files in archive order
   * @throws IOException as {@link PayloadStream#next()}
   */
  protected List<PackageFile> readFiles() throws IOException {
    List<PackageFile> files = new ArrayList<>();
    try (PayloadStream p = payload()) {
      for (PayloadEntry e; (e = p.next()) != null; ) {
        files.add(e.file());
      }
    }
    return files;
  }

  /** @return the format */
  public abstract PackageFormat format();

  /** @return the header, read when the archive was opened */
  public abstract PackageHeader header();

  /**
   * Opens the payload; may be called once.
   *
   * @return the entries
   * @throws IOException when the payload cannot be opened
   */
  public abstract PayloadStream payload() throws IOException;

  /** @param verify false to skip hashing contents the consumer does not read */
  public void setVerifyContent(boolean verify) {
    this.verifyContent = verify;
  }
}
