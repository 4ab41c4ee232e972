package dev.strata.store.internal;

import dev.strata.store.Checksum;
import dev.strata.store.FileHeader;
import dev.strata.store.FileObject;
import dev.strata.store.ObjectType;
import dev.strata.store.Repo;
import dev.strata.store.Xattr;
import dev.strata.store.errors.CorruptObjectException;
import dev.strata.store.errors.MissingObjectException;
import dev.strata.store.util.LinuxFs;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/** Reads content objects in every repository mode. Stateless and thread-safe. */
public final class ContentReader {
  private static final String OSTREEMETA = "user.ostreemeta";

  private ContentReader() {}

  /**
   * Opens a content object.
   *
   * @param repo the repository
   * @param c the object
   * @return its header and content
   */
  public static FileObject read(Repo repo, Checksum c) throws IOException {
    Path p = repo.objectPath(c, ObjectType.FILE);
    String name = c + ".file";
    try {
      switch (repo.mode()) {
        case ARCHIVE:
          return readArchive(c, p);
        case BARE_USER: {
          Map<String, Object> a = Files.readAttributes(p, "unix:mode,size", LinkOption.NOFOLLOW_LINKS);
          byte[] meta = LinuxFs.getXattr(p, OSTREEMETA);
          if (meta == null) {
            throw new CorruptObjectException(name, "no user.ostreemeta extended attribute");
          }
          FileHeader probe = FileHeader.fromOstreeMeta(meta, "");
          if (probe.isSymlink()) {
            byte[] t = Files.readAllBytes(p);
            int len = t.length > 0 && t[t.length - 1] == 0 ? t.length - 1 : t.length;
            FileHeader h = new FileHeader(probe.uid(), probe.gid(), probe.mode(),
                new String(t, 0, len, StandardCharsets.UTF_8), probe.xattrs());
            return new FileObject(c, h, 0, p, InputStream::nullInputStream);
          }
          return new FileObject(c, probe, (Long) a.get("size"), p, () -> Files.newInputStream(p));
        }
        case BARE_USER_ONLY: {
          Map<String, Object> a = Files.readAttributes(p, "unix:mode,size", LinkOption.NOFOLLOW_LINKS);
          int mode = (Integer) a.get("mode");
          if ((mode & FileHeader.S_IFMT) == FileHeader.S_IFLNK) {
            return new FileObject(c, new FileHeader(0, 0, mode, Files.readSymbolicLink(p).toString(), List.of()),
                0, p, InputStream::nullInputStream);
          }
          return new FileObject(c, new FileHeader(0, 0, mode, "", List.of()), (Long) a.get("size"), p,
              () -> Files.newInputStream(p));
        }
        default: {
          Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size", LinkOption.NOFOLLOW_LINKS);
          int mode = (Integer) a.get("mode");
          List<Xattr> xattrs = readXattrs(p);
          if ((mode & FileHeader.S_IFMT) == FileHeader.S_IFLNK) {
            return new FileObject(c, new FileHeader((Integer) a.get("uid"), (Integer) a.get("gid"), mode,
                Files.readSymbolicLink(p).toString(), xattrs), 0, p, InputStream::nullInputStream);
          }
          return new FileObject(c, new FileHeader((Integer) a.get("uid"), (Integer) a.get("gid"), mode, "", xattrs),
              (Long) a.get("size"), p, () -> Files.newInputStream(p));
        }
      }
    } catch (NoSuchFileException e) {
      throw new MissingObjectException(name, repo.path().toString());
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new CorruptObjectException(name, e.getMessage());
    }
  }

  /** @return the xattrs of a path (not following symlinks), sorted, empty values dropped as libglnx does */
  public static List<Xattr> readXattrs(Path p) throws IOException {
    List<String> names = LinuxFs.listXattrs(p);
    if (names.isEmpty()) {
      return List.of();
    }
    List<Xattr> out = new ArrayList<>(names.size());
    for (String n : names) {
      byte[] v = LinuxFs.getXattr(p, n);
      if (v != null && v.length > 0) {
        out.add(new Xattr(n, v));
      }
    }
    return out;
  }

  private static FileObject readArchive(Checksum c, Path p) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(p)) {
      byte[] four = in.readNBytes(8);
      if (four.length < 8) {
        throw new CorruptObjectException(c + ".filez", "truncated header");
      }
      int len = ((four[0] & 0xFF) << 24) | ((four[1] & 0xFF) << 16) | ((four[2] & 0xFF) << 8) | (four[3] & 0xFF);
      if (len < 0 || len > (1 << 24)) {
        throw new CorruptObjectException(c + ".filez", "bad header length " + len);
      }
      byte[] rest = in.readNBytes(len);
      head = new byte[8 + rest.length];
      System.arraycopy(four, 0, head, 0, 8);
      System.arraycopy(rest, 0, head, 8, rest.length);
    }
    FileHeader.ArchiveHeader ah = FileHeader.parseArchive(head);
    int skip = ah.headerLength();
    return new FileObject(c, ah.header(), ah.header().isSymlink() ? 0 : ah.size(), p, () -> {
      InputStream raw = new BufferedInputStream(Files.newInputStream(p), 65536);
      raw.skipNBytes(skip);
      return new InflaterInputStream(raw, new Inflater(true), 65536) {
        @Override
        public void close() throws IOException {
          super.close();
          inf.end();
        }
      };
    });
  }
}
