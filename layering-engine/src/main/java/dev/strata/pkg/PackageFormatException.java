package dev.strata.pkg;

import java.io.IOException;

/**
 * A package file (RPM or .deb) is malformed or unsafe to unpack. It is the only checked exception
 * the package readers throw for bad input; its message has the shape
 * {@code <what failed> in <package file>: <entry>; <what to do>}.
 */
public final class PackageFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message the complete one-line message
   */
  public PackageFormatException(String message) {
    super(message);
  }

  /**
   * @param message the complete one-line message
   * @param cause the underlying error
   */
  public PackageFormatException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Builds the standard message.
   *
   * @param what what failed, e.g. "path traversal"
   * @param pkg the package file name
   * @param entry the entry or header field concerned (control characters are escaped and long
   *     names shortened, so the message stays one line)
   * @param todo what the user should do
   * @return the exception
   */
  public static PackageFormatException of(String what, String pkg, String entry, String todo) {
    return new PackageFormatException(EntryChecker.printable(what) + " in "
        + EntryChecker.printable(pkg) + ": " + EntryChecker.printable(entry) + "; " + todo);
  }
}
