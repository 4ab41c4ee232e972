package dev.strata.pkg;

/**
 * One file, directory or symlink of a package.
 *
 * @param path the absolute normalised path, e.g. {@code /usr/bin/foo} ({@code /} for the root entry)
 * @param type the file type
 * @param mode the permission bits including setuid/setgid/sticky ({@code 07777} mask)
 * @param owner the owner name (or the numeric uid as text when the archive gives no name)
 * @param group the group name (or the numeric gid as text)
 * @param size the size in bytes of the content (0 for directories and symlinks)
 * @param digest the content digest as {@code algo:hex} (e.g. {@code sha256:...}, {@code md5:...}),
 *     or "" when the package records none
 * @param linkTarget the symlink target, or for a hardlink its first path; "" otherwise
 * @param hardlinkGroup 0 when not hardlinked, else an id shared by all paths of one inode
 * @param config true for RPM %config files and Debian conffiles
 * @param mtime the modification time in seconds since the epoch
 */
public record PackageFile(
    String path,
    FileType type,
    int mode,
    String owner,
    String group,
    long size,
    String digest,
    String linkTarget,
    int hardlinkGroup,
    boolean config,
    long mtime) {

  /** @return the mode with the file-type bits as {@code stat} reports them */
  public int statMode() {
    int t = switch (type) {
      case REGULAR -> 0100000;
      case DIRECTORY -> 0040000;
      case SYMLINK -> 0120000;
    };
    return t | (mode & 07777);
  }

  /**
   * The type and permission bits as {@code ls -l} and {@code tar tv} print them, e.g.
   * {@code -rwsr-xr-x}; a hardlink to an earlier entry shows as {@code h}.
   *
   * @return ten characters
   */
  public String modeString() {
    char[] c = new char[10];
    c[0] = switch (type()) {
      case DIRECTORY -> 'd';
      case SYMLINK -> 'l';
      case REGULAR -> linkTarget().isEmpty() ? '-' : 'h';
    };
    String rwx = "rwxrwxrwx";
    int m = mode();
    for (int i = 0; i < 9; i++) {
      c[i + 1] = (m & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-';
    }
    if ((m & 04000) != 0) {
      c[3] = (m & 0100) != 0 ? 's' : 'S';
    }
    if ((m & 02000) != 0) {
      c[6] = (m & 010) != 0 ? 's' : 'S';
    }
    if ((m & 01000) != 0) {
      c[9] = (m & 01) != 0 ? 't' : 'T';
    }
    return new String(c);
  }
}
