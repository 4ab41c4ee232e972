package dev.strata.pkg.deb;

import dev.strata.pkg.BoundedInput;
import dev.strata.pkg.EntryChecker;
import dev.strata.pkg.PackageFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads the members of a Unix ar archive (as dpkg-deb writes it) with bounds checks. */
final class ArReader {
  private final InputStream in;
  private final long fileSize;
  private final String pkg;
  private long pos;
  private BoundedInput current;
  private boolean pad;

  ArReader(InputStream in, long fileSize, String pkg) throws IOException {
    this.in = in;
    this.fileSize = fileSize;
    this.pkg = pkg;
    byte[] magic = in.readNBytes(8);
    if (!new String(magic, StandardCharsets.ISO_8859_1).equals("!<arch>\n")) {
      throw PackageFormatException.of("not an ar archive", pkg, "ar header",
          "give a .deb file");
    }
    pos = 8;
  }

  /** One member. */
  record Member(String name, long size, BoundedInput data) {}

  /** @return the next member, or null at the end of the archive */
  Member next() throws IOException {
    if (current != null) {
      current.skipRest();
      if (pad && in.read() < 0) {
        throw PackageFormatException.of("truncated archive", pkg, "ar padding",
            "the file ends early; download it again");
      }
      current = null;
    }
    byte[] h = in.readNBytes(60);
    if (h.length == 0) {
      return null;
    }
    if (h.length < 60) {
      throw PackageFormatException.of("truncated archive", pkg, "ar member header",
          "the file ends early; download it again");
    }
    pos += 60;
    String name = new String(h, 0, 16, StandardCharsets.ISO_8859_1).trim();
    if (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    if (h[58] != '`' || h[59] != '\n') {
      throw PackageFormatException.of("bad ar member header", pkg, EntryChecker.printable(name),
          "the package is corrupt; download it again");
    }
    String sizeText = new String(h, 48, 10, StandardCharsets.ISO_8859_1).trim();
    long size;
    try {
      size = Long.parseLong(sizeText);
    } catch (NumberFormatException e) {
      size = -1;
    }
    if (size < 0) {
      throw PackageFormatException.of("bad ar member size '" + EntryChecker.printable(sizeText)
          + "'", pkg, EntryChecker.printable(name), "the package is corrupt; download it again");
    }
    if (size > fileSize - pos) {
      throw PackageFormatException.of("member size " + size + " larger than the file", pkg,
          EntryChecker.printable(name), "the file is truncated or corrupt; download it again");
    }
    pad = (size & 1) == 1;
    pos += size + (pad ? 1 : 0);
    current = new BoundedInput(in, size, pkg, name);
    return new Member(name, size, current);
  }
}
