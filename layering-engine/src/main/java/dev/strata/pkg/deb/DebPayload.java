package dev.strata.pkg.deb;

import dev.strata.pkg.ArchivePayload;
import dev.strata.pkg.EntryChecker;
import dev.strata.pkg.FileType;
import dev.strata.pkg.PackageFile;
import dev.strata.pkg.PackageFormatException;
import dev.strata.pkg.PayloadEntry;
import dev.strata.pkg.GuardedInput;
import dev.strata.pkg.VerifyingInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** The data.tar entries of a .deb, checked one by one. */
final class DebPayload extends ArchivePayload<TarArchiveEntry> {
  private final InputStream raw;
  private final TarArchiveInputStream tar;
  private final Map<String, String> md5sums;
  private final Set<String> conffiles;
  private final EntryChecker checker;
  private final Map<String, Integer> hardlinkGroups = new HashMap<>();

  DebPayload(String pkg, String member, InputStream raw, Map<String, String> md5sums,
      Set<String> conffiles, boolean verify) {
    super(pkg, "data.tar", member, verify);
    this.raw = raw;
    this.tar = new TarArchiveInputStream(new GuardedInput(raw, pkg, member));
    this.md5sums = md5sums;
    this.conffiles = conffiles;
    this.checker = new EntryChecker(pkg);
  }

  @Override
  protected TarArchiveEntry nextArchiveEntry() throws IOException {
    return tar.getNextEntry();
  }

  @Override
  protected PayloadEntry entry(TarArchiveEntry e) throws IOException {
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
    return new PayloadEntry(f, track(new VerifyingInput(tar, verify ? digest : "", size, pkg, path)));
  }

  @Override
  public void close() throws IOException {
    raw.close();
  }
}
