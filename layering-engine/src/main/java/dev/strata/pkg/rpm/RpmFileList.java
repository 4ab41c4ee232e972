package dev.strata.pkg.rpm;

import static dev.strata.pkg.rpm.RpmTags.*;

import dev.strata.pkg.EntryChecker;
import dev.strata.pkg.FileType;
import dev.strata.pkg.PackageFile;
import dev.strata.pkg.PackageFormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The file list of an RPM header, checked for consistency and safety. */
final class RpmFileList {
  private RpmFileList() {}

  static String[] paths(Tags h) throws PackageFormatException {
    String[] base = h.strings(BASENAMES);
    if (base.length == 0) {
      return h.strings(OLDFILENAMES);
    }
    String[] dirs = h.strings(DIRNAMES);
    long[] index = h.longs(DIRINDEXES);
    if (index.length != base.length) {
      throw h.bad("file tags of different lengths", "header tag " + DIRINDEXES);
    }
    String[] out = new String[base.length];
    for (int i = 0; i < base.length; i++) {
      if (index[i] < 0 || index[i] >= dirs.length) {
        throw h.bad("directory index out of range", "header tag " + DIRINDEXES);
      }
      out[i] = dirs[(int) index[i]] + base[i];
    }
    return out;
  }

  static List<String> configFiles(Tags h) throws PackageFormatException {
    String[] paths = paths(h);
    long[] flags = h.longs(FILEFLAGS);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < paths.length && i < flags.length; i++) {
      if ((flags[i] & FILE_CONFIG) != 0) {
        out.add(paths[i]);
      }
    }
    return out;
  }

  static List<PackageFile> read(Tags h, String pkg) throws PackageFormatException {
    String[] paths = paths(h);
    int n = paths.length;
    long[] sizes = h.has(LONGFILESIZES) ? h.longs(LONGFILESIZES) : h.unsigned32(FILESIZES);
    long[] modes = h.longs(FILEMODES);
    long[] mtimes = h.unsigned32(FILEMTIMES);
    String[] digests = h.strings(FILEDIGESTS);
    String[] links = h.strings(FILELINKTOS);
    long[] flags = h.longs(FILEFLAGS);
    String[] users = h.strings(FILEUSERNAME);
    String[] groups = h.strings(FILEGROUPNAME);
    long[] devices = h.longs(FILEDEVICES);
    long[] inodes = h.longs(FILEINODES);
    for (Object[] a : new Object[][] {{sizes, FILESIZES}, {modes, FILEMODES},
        {users, FILEUSERNAME}, {groups, FILEGROUPNAME}}) {
      if (java.lang.reflect.Array.getLength(a[0]) != n) {
        throw h.bad("file tags of different lengths", "header tag " + a[1]);
      }
    }
    for (Object[] a : new Object[][] {{mtimes, FILEMTIMES}, {digests, FILEDIGESTS},
        {links, FILELINKTOS}, {flags, FILEFLAGS}, {devices, FILEDEVICES}, {inodes, FILEINODES}}) {
      int len = java.lang.reflect.Array.getLength(a[0]);
      if (len != 0 && len != n) {
        throw h.bad("file tags of different lengths", "header tag " + a[1]);
      }
    }
    long[] algoTag = h.longs(FILEDIGESTALGO);
    String algo = digestAlgo(algoTag.length == 0 ? 1 : algoTag[0]);
    if (algo == null && digests.length > 0) {
      throw h.bad("unknown file digest algorithm " + algoTag[0], "header tag " + FILEDIGESTALGO);
    }
    Map<String, Integer> inodeCount = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if ((modes[i] & 0170000) == 0100000 && inodes.length == n) {
        inodeCount.merge(devices.length == n ? devices[i] + ":" + inodes[i] : "" + inodes[i], 1,
            Integer::sum);
      }
    }
    Map<String, Integer> groupOf = new HashMap<>();
    Map<Integer, String> firstOf = new HashMap<>();
    EntryChecker checker = new EntryChecker(pkg);
    List<PackageFile> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String path = paths[i];
      if (!path.startsWith("/")) {
        throw h.bad("relative path in the file list", EntryChecker.printable(path));
      }
      String norm = checker.normalize(path.substring(1));
      int fmt = (int) (modes[i] & 0170000);
      FileType type = switch (fmt) {
        case 0100000 -> FileType.REGULAR;
        case 0040000 -> FileType.DIRECTORY;
        case 0120000 -> FileType.SYMLINK;
        case 0020000, 0060000, 0010000, 0140000 -> throw PackageFormatException.of(
            "device node or fifo", pkg, norm,
            "packages may not carry device nodes, fifos or sockets; remove it from the package");
        default -> throw h.bad("unknown file type " + Long.toOctalString(fmt), norm);
      };
      String link = type == FileType.SYMLINK ? (links.length == n ? links[i] : "") : "";
      int group = 0;
      String digest = "";
      if (type == FileType.REGULAR) {
        String key = devices.length == n ? devices[i] + ":" + inodes[i]
            : inodes.length == n ? "" + inodes[i] : null;
        if (key != null && inodeCount.getOrDefault(key, 0) > 1) {
          group = groupOf.computeIfAbsent(key, k -> groupOf.size() + 1);
          String first = firstOf.putIfAbsent(group, norm);
          link = first == null ? "" : first;
        }
        if (digests.length == n && !digests[i].isEmpty()) {
          digest = algo + ":" + digests[i].toLowerCase();
        }
      }
      long size = sizes[i];
      if (size < 0) {
        throw h.bad("negative file size", norm);
      }
      boolean config = flags.length == n && (flags[i] & FILE_CONFIG) != 0;
      PackageFile f = new PackageFile(norm, type, (int) (modes[i] & 07777), users[i], groups[i],
          type == FileType.REGULAR ? size : 0, digest, link, group, config,
          mtimes.length == n ? mtimes[i] : 0);
      checker.check(f, false);
      out.add(f);
    }
    return out;
  }

  /** @return the normalised paths of %ghost files, which the payload does not carry */
  static java.util.Set<String> ghosts(Tags h, List<PackageFile> files) throws PackageFormatException {
    long[] flags = h.longs(FILEFLAGS);
    java.util.Set<String> out = new java.util.HashSet<>();
    for (int i = 0; i < files.size() && i < flags.length; i++) {
      if ((flags[i] & FILE_GHOST) != 0) {
        out.add(files.get(i).path());
      }
    }
    return out;
  }
}
