package dev.strata.pkg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The path-safety rules every package reader applies to payload entries: no {@code ..} or absolute
 * names, nothing under a symlinked directory or a non-directory, no symlink leading outside the
 * package root, no duplicate paths, hardlinks only to regular files seen before. Used by the format
 * readers; single-threaded, one instance per payload.
 */
public final class EntryChecker {
  private final String pkg;
  private final Map<String, FileType> seen = new HashMap<>();

  /**
   * @param pkg the package file name, for messages
   */
  public EntryChecker(String pkg) {
    this.pkg = pkg;
  }

  /**
   * Normalises an archive member name ({@code ./usr/bin/x}, {@code usr/bin/x/}) to an absolute
   * path ({@code /usr/bin/x}); the archive root itself becomes {@code /}.
   *
   * @param raw the name as stored in the archive
   * @return the normalised path
   * @throws PackageFormatException for {@code ..} components, absolute names and NUL bytes
   */
  public String normalize(String raw) throws PackageFormatException {
    if (raw.indexOf('\0') >= 0 || raw.isEmpty()) {
      throw PackageFormatException.of("invalid entry name", pkg, printable(raw),
          "the package is corrupt; rebuild it");
    }
    if (raw.startsWith("/")) {
      throw PackageFormatException.of("absolute path", pkg, printable(raw),
          "the package is unsafe; rebuild it with relative member names");
    }
    List<String> parts = new ArrayList<>();
    for (String c : raw.split("/")) {
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        throw PackageFormatException.of("path traversal", pkg, printable(raw),
            "the package is unsafe; do not install it");
      }
      parts.add(c);
    }
    return "/" + String.join("/", parts);
  }

  /**
   * Checks one entry against those seen before and records it.
   *
   * @param file the entry, with a normalised path and, for hardlinks, a normalised link target
   * @param hardlink true when the entry is a hardlink to {@code file.linkTarget()}
   * @throws PackageFormatException when the entry is unsafe or a duplicate
   */
  public void check(PackageFile file, boolean hardlink) throws PackageFormatException {
    String path = file.path();
    if (seen.containsKey(path)) {
      throw PackageFormatException.of("duplicate entry", pkg, path,
          "the package is corrupt; rebuild it");
    }
    for (int i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) {
      FileType parent = seen.get(path.substring(0, i));
      if (parent == FileType.SYMLINK) {
        throw PackageFormatException.of("entry under a symlinked directory", pkg, path,
            "the package is unsafe; do not install it");
      }
      if (parent == FileType.REGULAR) {
        throw PackageFormatException.of("entry under a regular file", pkg, path,
            "the package is corrupt; rebuild it");
      }
    }
    if (file.type() == FileType.SYMLINK) {
      checkSymlink(path, file.linkTarget());
    }
    if (hardlink && seen.get(file.linkTarget()) != FileType.REGULAR) {
      throw PackageFormatException.of("hardlink to a missing or non-regular file", pkg,
          path + " -> " + file.linkTarget(), "the package is corrupt; rebuild it");
    }
    seen.put(path, file.type());
  }

  private void checkSymlink(String path, String target) throws PackageFormatException {
    if (target.isEmpty() || target.indexOf('\0') >= 0) {
      throw PackageFormatException.of("empty or invalid symlink target", pkg, path,
          "the package is corrupt; rebuild it");
    }
    List<String> stack = new ArrayList<>();
    if (!target.startsWith("/")) {
      String parent = path.substring(0, path.lastIndexOf('/'));
      for (String c : parent.split("/")) {
        if (!c.isEmpty()) {
          stack.add(c);
        }
      }
    }
    for (String c : target.split("/")) {
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (stack.isEmpty()) {
          throw PackageFormatException.of("symlink leading outside the root", pkg,
              path + " -> " + target, "the package is unsafe; do not install it");
        }
        stack.remove(stack.size() - 1);
      } else {
        stack.add(c);
      }
    }
  }

  /**
   * @param path a normalised path
   * @return the type recorded for it, or null
   */
  public FileType typeOf(String path) {
    return seen.get(path);
  }

  /**
   * @param s any text from an archive
   * @return the text with control characters escaped, shortened to about 300 characters
   */
  public static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      if (sb.length() >= 300) {
        sb.append("...");
        break;
      }
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
