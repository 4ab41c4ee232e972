package dev.strata.depsolve.repo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The signed part of a Debian {@code InRelease} file: dates and the checksums of the index files.
 *
 * @param suite the Suite field
 * @param codename the Codename field
 * @param date the Date field, or null
 * @param validUntil the Valid-Until field, or null
 * @param sha256 index path (relative to the dists/SUITE directory) to its checksum and size
 */
public record InRelease(String suite, String codename, Instant date, Instant validUntil,
    Map<String, FileSum> sha256) {

  /**
   * A listed index file.
   *
   * @param sha256 lower-case hex digest
   * @param size size in bytes
   */
  public record FileSum(String sha256, long size) {}

  /**
   * Returns the text of a clear-signed file without checking its signature (sources marked
   * trusted, or bytes verified before), or the data itself when it is not clear-signed. Needs no
   * OpenPGP code, so a warm solve does not load Bouncy Castle.
   */
  static String clearText(byte[] data) throws RepositoryException {
    String all = new String(data, StandardCharsets.UTF_8);
    if (!all.startsWith("-----BEGIN PGP SIGNED MESSAGE-----")) {
      return all;
    }
    // RFC 4880 7.1: armor header lines, an empty line, the dash-escaped text, the signature
    int start = all.indexOf("\n\n");
    int startCr = all.indexOf("\n\r\n");
    if (start < 0 && startCr < 0) {
      throw new RepositoryException("InRelease has no clear text; the file is corrupt, fetch it again");
    }
    start = start < 0 ? startCr + 3 : startCr < 0 ? start + 2 : Math.min(start + 2, startCr + 3);
    int end = all.indexOf("\n-----BEGIN PGP SIGNATURE-----", start - 1);
    if (end < 0) {
      throw new RepositoryException("InRelease has no signature block; the file is corrupt, fetch it again");
    }
    StringBuilder out = new StringBuilder(end - start + 1);
    for (String line : all.substring(start, end).split("\n", -1)) {
      out.append(line.startsWith("- ") ? line.substring(2) : line).append('\n');
    }
    return out.toString();
  }

  /** Parses the verified clear text. */
  static InRelease parse(String text, String what) throws RepositoryException {
    Map<String, String> fields = new HashMap<>();
    Map<String, FileSum> sums = new HashMap<>();
    String current = null;
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        if ("SHA256".equals(current)) {
          String[] f = words(line);
          if (f.length != 3) {
            throw new RepositoryException(what + ": bad SHA256 line '" + line.trim()
                + "'; the file is corrupt, fetch it again");
          }
          sums.put(f[2], new FileSum(f[0].toLowerCase(Locale.ROOT), Long.parseLong(f[1])));
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw new RepositoryException(what + ": not a 'Field: value' line '" + line
            + "'; the file is corrupt, fetch it again");
      }
      current = line.substring(0, colon);
      fields.put(current, line.substring(colon + 1).trim());
    }
    if (sums.isEmpty()) {
      throw new RepositoryException(what + " lists no SHA256 checksums; the repository cannot be"
          + " checked, use a mirror that publishes SHA256");
    }
    return new InRelease(fields.get("Suite"), fields.get("Codename"),
        date(fields.get("Date"), what), date(fields.get("Valid-Until"), what), Map.copyOf(sums));
  }

  /** @return the whitespace-separated words of a line (no regular expression: 600 lines) */
  private static String[] words(String line) {
    List<String> out = new ArrayList<>(3);
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(line.substring(start, i));
      }
    }
    return out.toArray(new String[0]);
  }

  private static Instant date(String s, String what) throws RepositoryException {
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return ZonedDateTime.parse(s.replace("UTC", "+0000"),
          DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (RuntimeException e) {
      throw new RepositoryException(what + ": bad date '" + s + "'; the file is corrupt, fetch it again");
    }
  }
}
