package dev.strata.store.internal;

import dev.strata.store.Checksum;
import dev.strata.store.DirMeta;
import dev.strata.store.DirTree;
import dev.strata.store.FileHeader;
import dev.strata.store.ObjectType;
import dev.strata.store.RepoMode;
import dev.strata.store.Xattr;
import dev.strata.store.errors.SpecialFileException;
import dev.strata.store.errors.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Writes a directory tree into a {@link Staging} transaction: content objects are hashed and
 * stored on all cores, then dirtrees and dirmetas are built bottom-up. Single use; not thread-safe.
 */
public final class TreeWriter {
  /**
   * The result.
   *
   * @param tree root dirtree
   * @param meta root dirmeta
   * @param files content entries written (regular files and symlinks)
   * @param dirs directories
   * @param skipped special files left out
   */
  public record Result(Checksum tree, Checksum meta, int files, int dirs, List<Path> skipped) {}

  private static final String ATTRS = "unix:mode,uid,gid,ino,dev,nlink,lastModifiedTime";
  private final Staging staging;
  private final boolean skipSpecial;
  private final Consumer<String> progress;
  private final List<Path> skipped = new ArrayList<>();
  private final Map<String, Future<Checksum>> byInode = new HashMap<>();
  private int files;
  private int dirs;
  private ExecutorService pool;
  private Map<String, Checksum> known = Map.of();
  private boolean relink;
  /** With {@link #relink}: files whose content was read, with their checksums. */
  private final List<Map.Entry<Path, Future<Checksum>>> read = new ArrayList<>();
  /** With {@link #relink}: directories whose time is not 0, children before parents. */
  private final List<Path> timedDirs = new ArrayList<>();

  /**
   * @param known {@code "dev:ino"} of hardlinks to this repository's content objects, to their
   *     checksums: those files are neither read nor hashed
   * @return this
   */
  public TreeWriter knownInodes(Map<String, Checksum> known) {
    this.known = known;
    return this;
  }

  /**
   * @param on remember what {@link #relinkTree()} needs (bare repositories only)
   * @return this
   */
  public TreeWriter relink(boolean on) {
    this.relink = on;
    return this;
  }

  /**
   * @param staging where objects go
   * @param skipSpecial leave device nodes, FIFOs and sockets out instead of failing
   * @param progress receives occasional progress lines (may be a no-op)
   */
  public TreeWriter(Staging staging, boolean skipSpecial, Consumer<String> progress) {
    this.staging = staging;
    this.skipSpecial = skipSpecial;
    this.progress = progress;
  }

  private static final class Node {
    final Path path;
    DirMeta meta;
    final Map<String, Future<Checksum>> files = new HashMap<>();
    final Map<String, Node> dirs = new HashMap<>();

    Node(Path path) {
      this.path = path;
    }
  }

  /**
   * Writes the tree rooted at {@code root}.
   *
   * @param root a directory
   * @return the root checksums and counts
   */
  public Result write(Path root) throws IOException {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new StoreException("cannot commit " + root + ": not a directory; give the directory to commit");
    }
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "strata-commit");
      t.setDaemon(true);
      return t;
    });
    try {
      Map<String, Object> a = Files.readAttributes(root, ATTRS, LinkOption.NOFOLLOW_LINKS);
      Node top = scan(root, a);
      Checksum[] r = finish(top);
      return new Result(r[0], r[1], files, dirs, List.copyOf(skipped));
    } finally {
      pool.shutdownNow();
    }
  }

  private DirMeta dirMeta(Path dir, Map<String, Object> a) throws IOException {
    RepoMode mode = staging.repo().mode();
    if (mode == RepoMode.BARE_USER_ONLY) {
      return new DirMeta(0, 0, ((Integer) a.get("mode") & ~07022 & 0177777) | FileHeader.S_IFDIR, List.of());
    }
    return new DirMeta((Integer) a.get("uid"), (Integer) a.get("gid"), (Integer) a.get("mode"),
        ContentReader.readXattrs(dir));
  }

  private Node scan(Path dir, Map<String, Object> dirAttrs) throws IOException {
    Node n = new Node(dir);
    n.meta = dirMeta(dir, dirAttrs);
    dirs++;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (name.indexOf('\uFFFD') >= 0 && !Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
          // the name's bytes did not decode: OSTree keeps names as UTF-8 strings (as ostree says too)
          throw new StoreException("cannot commit " + p + ": its name is not valid UTF-8, and an OSTree"
              + " repository stores UTF-8 names only; rename it to UTF-8 (for example with convmv)");
        }
        Map<String, Object> a = Files.readAttributes(p, ATTRS, LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        int fmt = mode & FileHeader.S_IFMT;
        if (fmt == FileHeader.S_IFDIR) {
          n.dirs.put(name, scan(p, a));
        } else if (fmt == FileHeader.S_IFREG || fmt == FileHeader.S_IFLNK) {
          n.files.put(name, submitFile(p, a));
          if (++files % 1000 == 0) {
            progress.accept("scanned " + files + " files");
          }
        } else if (skipSpecial) {
          skipped.add(p);
        } else {
          throw new SpecialFileException(p, kind(fmt));
        }
      }
    }
    if (relink && ((FileTime) dirAttrs.get("lastModifiedTime")).toMillis() != 0) {
      timedDirs.add(dir);
    }
    return n;
  }

  /**
   * After the commit's objects are in place (bare repositories): makes the written tree what a
   * hardlink checkout of the commit is. Every file whose content was read is replaced by a hardlink
   * to its object (empty regular files stay: a checkout copies those, with the same metadata), and
   * directory times are set to 0; files that already are their objects are left alone.
   */
  public void relinkTree() throws IOException {
    if (!relink) {
      throw new IllegalStateException("relinkTree needs relink(true) before write");
    }
    for (Map.Entry<Path, Future<Checksum>> e : read) {
      Path p = e.getKey();
      Path obj = staging.repo().objectPath(get(e.getValue()), ObjectType.FILE);
      Map<String, Object> o = Files.readAttributes(obj, "unix:mode,size,dev,ino", LinkOption.NOFOLLOW_LINKS);
      boolean empty = ((Integer) o.get("mode") & FileHeader.S_IFMT) == FileHeader.S_IFREG && (Long) o.get("size") == 0;
      if (empty || o.get("ino").equals(Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS))
          && o.get("dev").equals(Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS))) {
        continue;
      }
      Path tmp = p.resolveSibling("." + p.getFileName() + ".strata-relink");
      Files.deleteIfExists(tmp);
      Files.createLink(tmp, obj);
      Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    for (Path d : timedDirs) {
      Files.setLastModifiedTime(d, FileTime.fromMillis(0));
    }
  }

  private Future<Checksum> submitFile(Path p, Map<String, Object> a) {
    int nlink = (Integer) a.get("nlink");
    String inode = null;
    if (nlink > 1 && !known.isEmpty()) {
      Checksum k = known.get(a.get("dev") + ":" + a.get("ino"));
      if (k != null && staging.repo().mode() == RepoMode.BARE) {
        return java.util.concurrent.CompletableFuture.completedFuture(k);
      }
    }
    Future<Checksum> f = null;
    if (nlink > 1 && ((Integer) a.get("mode") & FileHeader.S_IFMT) == FileHeader.S_IFREG) {
      inode = a.get("dev") + ":" + a.get("ino");
      f = byInode.get(inode);
    }
    if (f == null) {
      f = pool.submit(() -> {
        FileHeader h = header(p, a);
        return staging.writeContent(p, h);
      });
      if (inode != null) {
        byInode.put(inode, f);
      }
    }
    if (relink) {
      read.add(Map.entry(p, f));
    }
    return f;
  }

  private FileHeader header(Path p, Map<String, Object> a) throws IOException {
    int mode = (Integer) a.get("mode");
    boolean link = (mode & FileHeader.S_IFMT) == FileHeader.S_IFLNK;
    String target = link ? Files.readSymbolicLink(p).toString() : "";
    if (staging.repo().mode() == RepoMode.BARE_USER_ONLY) {
      return new FileHeader(0, 0, link ? mode : (mode & ~07022 & 0177777), target, List.of());
    }
    List<Xattr> x = ContentReader.readXattrs(p);
    return new FileHeader((Integer) a.get("uid"), (Integer) a.get("gid"), mode, target, x);
  }

  private Checksum[] finish(Node n) throws IOException {
    List<DirTree.FileEntry> fe = new ArrayList<>(n.files.size());
    for (Map.Entry<String, Future<Checksum>> e : n.files.entrySet()) {
      fe.add(new DirTree.FileEntry(e.getKey(), get(e.getValue())));
    }
    List<DirTree.DirEntry> de = new ArrayList<>(n.dirs.size());
    for (Map.Entry<String, Node> e : n.dirs.entrySet()) {
      Checksum[] sub = finish(e.getValue());
      de.add(new DirTree.DirEntry(e.getKey(), sub[0], sub[1]));
    }
    DirTree t;
    try {
      t = new DirTree(fe, de);
    } catch (IllegalArgumentException ex) {
      throw new StoreException("cannot commit " + n.path + ": " + ex.getMessage());
    }
    Checksum tree = staging.writeMetadata(ObjectType.DIR_TREE, t.toBytes());
    Checksum meta = staging.writeMetadata(ObjectType.DIR_META, n.meta.toBytes());
    return new Checksum[] {tree, meta};
  }

  private static Checksum get(Future<Checksum> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while committing", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(c);
    }
  }

  private static String kind(int fmt) {
    return switch (fmt) {
      case 0020000 -> "character device";
      case 0060000 -> "block device";
      case 0010000 -> "FIFO";
      case 0140000 -> "socket";
      default -> "special file";
    };
  }
}
