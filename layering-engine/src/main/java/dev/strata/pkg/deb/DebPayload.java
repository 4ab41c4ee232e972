package dev.strata.pkg.deb;

import dev.strata.pkg.Compression;
import dev.strata.pkg.EntryChecker;
import dev.strata.pkg.FileType;
import dev.strata.pkg.PackageFile;
import dev.strata.pkg.PackageFormatException;
import dev.strata.pkg.PayloadEntry;
import dev.strata.pkg.PayloadStream;
import dev.strata.pkg.VerifyingInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** The data.tar entries of a .deb, checked one by one. */
final class DebPayload implements PayloadStream {
  private final String pkg;
  private final String member;
  private final InputStream raw;
  private final TarArchiveInputStream tar;
  private final Map<String, String> md5sums;
  private final Set<String> conffiles;
  private final boolean verify;
  private final EntryChecker checker;
  private final Map<String, Integer> hardlinkGroups = new HashMap<>();
  private VerifyingInput current;
  private boolean done;

  DebPayload(String pkg, String member, InputStream raw, Map<String, String> md5sums,
      Set<String> conffiles, boolean verify) {
    this.pkg = pkg;
    this.member = member;
    this.raw = raw;
    this.tar = new TarArchiveInputStream(new GuardedInput(raw, pkg, member));
    this.md5sums = md5sums;
    this.conffiles = conffiles;
    this.verify = verify;
    this.checker = new EntryChecker(pkg);
  }

  @Override
  public PayloadEntry next() throws IOException {
    if (done) {
      return null;
    }
    if (current != null) {
      current.finish(verify);
      current = null;
    }
    TarArchiveEntry e;
    try {
      e = tar.getNextEntry();
    } catch (PackageFormatException ex) {
      throw ex;
    } catch (IOException | RuntimeException ex) {
      throw PackageFormatException.of("bad data.tar (" + Compression.oneLine(ex) + ")", pkg,
          member, "the package is corrupt or truncated; download it again");
    }
    if (e == null) {
      done = true;
      return null;
    }
    String path = checker.normalize(e.getName());
    FileType type;
    String link = "";
    int group = 0;
    boolean hardlink = false;
    if (e.isSymbolicLink()) {
      type = FileType.SYMLINK;
      link = e.getLinkName();
    } else if (e.isLink()) {
      type = FileType.REGULAR;
      hardlink = true;
      link = checker.normalize(e.getLinkName());
      group = hardlinkGroups.computeIfAbsent(link, k -> hardlinkGroups.size() + 1);
    } else if (e.isDirectory()) {
      type = FileType.DIRECTORY;
    } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
      throw PackageFormatException.of("device node or fifo", pkg, path,
          "packages may not carry device nodes or fifos; remove it from the package");
    } else if (e.isFile() && !e.isSparse() && !e.isGNULongNameEntry()) {
      type = FileType.REGULAR;
    } else {
      throw PackageFormatException.of("unsupported tar entry type '" + (char) e.getLinkFlag()
          + "'", pkg, path, "rebuild the package with regular files, directories and symlinks");
    }
    long size = e.getSize();
    if (size < 0 || (type != FileType.REGULAR && size != 0)) {
      throw PackageFormatException.of("bad size " + size, pkg, path,
          "the package is corrupt; rebuild it");
    }
    String owner = e.getUserName() == null || e.getUserName().isEmpty()
        ? Long.toString(e.getLongUserId()) : e.getUserName();
    String grp = e.getGroupName() == null || e.getGroupName().isEmpty()
        ? Long.toString(e.getLongGroupId()) : e.getGroupName();
    String digest = type == FileType.REGULAR && !hardlink ? md5sums.getOrDefault(path, "") : "";
    PackageFile f = new PackageFile(path, type, e.getMode() & 07777, owner, grp, size, digest,
        link, group, conffiles.contains(path), e.getModTime().getTime() / 1000);
    checker.check(f, hardlink);
    current = new VerifyingInput(tar, verify ? digest : "", size, pkg, path);
    return new PayloadEntry(f, current);
  }

  @Override
  public void close() throws IOException {
    raw.close();
  }

  /** Reports decompression and read errors below the tar reader as format errors. */
  static final class GuardedInput extends InputStream {
    private final InputStream in;
    private final String pkg;
    private final String member;

    GuardedInput(InputStream in, String pkg, String member) {
      this.in = in;
      this.pkg = pkg;
      this.member = member;
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (PackageFormatException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw wrap(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (PackageFormatException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw wrap(e);
      }
    }

    private PackageFormatException wrap(Exception e) {
      return PackageFormatException.of("bad " + member + " stream (" + Compression.oneLine(e) + ")",
          pkg, member, "the package is corrupt or truncated; download it again");
    }
  }
}
