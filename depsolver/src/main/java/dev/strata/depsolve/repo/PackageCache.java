package dev.strata.depsolve.repo;

import dev.strata.depsolve.model.BoolDep;
import dev.strata.depsolve.model.Dependency;
import dev.strata.depsolve.model.MultiArch;
import dev.strata.depsolve.model.Op;
import dev.strata.depsolve.model.Package;
import dev.strata.depsolve.model.Relation;
import dev.strata.depsolve.version.Evr;
import dev.strata.depsolve.version.VersionScheme;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata cache directory, keyed by the SHA-256 of the text each entry came from, so a second
 * solve does not parse text again: rpm-md packages as a compact binary copy (strings, versions,
 * relations and relation lists stored once each), Debian indexes as {@link DebIndex} images, and
 * remembered InRelease verifications. Files are written to a temporary name, synced and renamed;
 * an unreadable cache entry is ignored and rebuilt.
 */
final class PackageCache {
  private static final int MAGIC = 0x53545043; // "STPC"
  private static final int FORMAT = 2;
  private final Path dir;

  PackageCache(Path dir) {
    this.dir = dir;
  }

  /** @return the cache file of an RPM repository's packages, or null without a cache directory */
  private Path file(String key) {
    return dir == null ? null : dir.resolve("pkgs-" + key + ".bin");
  }

  /** @return the cached packages for {@code key}, or null when absent or unreadable */
  List<Package> load(String key, String repository) {
    if (dir == null) {
      return null;
    }
    Path f = file(key);
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try {
      return read(ByteBuffer.wrap(Files.readAllBytes(f)), repository);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Stores packages under {@code key}; failures to write the cache are not errors. */
  void store(String key, List<Package> packages) {
    writeAtomically(file(key), ch -> {
      DataOutputStream out = new DataOutputStream(
          new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16));
      write(out, packages);
      out.flush();
    });
  }

  /**
   * Maps the image of a Debian index stored under {@code key}.
   *
   * @return the image, or null when there is none (the caller checks its soundness)
   */
  ByteBuffer mapIndex(String key) {
    if (dir == null) {
      return null;
    }
    try (FileChannel ch = FileChannel.open(dir.resolve("deb-" + key + ".idx"))) {
      return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private final List<Thread[]> writing = new ArrayList<>();

  /**
   * Stores the image of a Debian index under {@code key} on a second thread, so the solve need
   * not wait for the disk; {@link #awaitWrites} waits for it, and so does the JVM's exit.
   * Failures are not errors.
   */
  void storeIndex(String key, ByteBuffer image) {
    if (dir == null) {
      return;
    }
    Thread w = new Thread(() -> {
      writeAtomically(dir.resolve("deb-" + key + ".idx"), ch -> writeFully(ch, image.duplicate()));
      try {
        Files.deleteIfExists(file(key)); // the same index in the object form older versions wrote
      } catch (IOException e) {
        // the cache is an optimisation only
      }
    }, "strata cache write");
    Thread hook = new Thread(() -> joinQuietly(w), "strata cache write at exit");
    Runtime.getRuntime().addShutdownHook(hook);
    w.start();
    synchronized (writing) {
      writing.add(new Thread[] {w, hook});
    }
  }

  /** Waits until every cache file started by {@link #storeIndex} is written. */
  void awaitWrites() {
    List<Thread[]> all;
    synchronized (writing) {
      all = new ArrayList<>(writing);
      writing.clear();
    }
    for (Thread[] t : all) {
      joinQuietly(t[0]);
      try {
        Runtime.getRuntime().removeShutdownHook(t[1]);
      } catch (IllegalStateException e) {
        // the JVM is exiting: the hook waits anyway
      }
    }
  }

  private static void joinQuietly(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private interface Content {
    void writeTo(FileChannel ch) throws IOException;
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  /** Writes a temporary file in the cache directory, syncs it and renames it to {@code target}. */
  private void writeAtomically(Path target, Content content) {
    if (target == null) {
      return;
    }
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "tmp-", ".tmp");
      try {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          content.writeTo(ch);
          ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      // the cache is an optimisation only
    }
  }

  /** @return until when a remembered good verification holds, or null when none is remembered */
  Instant verifiedUntil(String key) {
    if (dir == null) {
      return null;
    }
    try {
      String s = Files.readString(dir.resolve("verified-" + key)).trim();
      return s.equals("never") ? Instant.MAX : Instant.ofEpochSecond(Long.parseLong(s));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Remembers a good verification; failures to write are not errors. */
  void storeVerified(String key, Instant until) {
    writeAtomically(dir == null ? null : dir.resolve("verified-" + key), ch -> writeFully(ch,
        ByteBuffer.wrap((until.equals(Instant.MAX) ? "never" : Long.toString(until.getEpochSecond()))
            .getBytes(StandardCharsets.US_ASCII))));
  }

  // ---- writing

  private static final class Tables {
    final Map<String, Integer> strings = new HashMap<>();
    final List<String> stringList = new ArrayList<>();
    final Map<Evr, Integer> evrs = new HashMap<>();
    final List<Evr> evrList = new ArrayList<>();
    final Map<Dependency, Integer> deps = new HashMap<>();
    final List<Dependency> depList = new ArrayList<>();
    final Map<List<? extends Dependency>, Integer> lists = new HashMap<>();
    final List<List<? extends Dependency>> listList = new ArrayList<>();

    int str(String s) {
      if (s == null) {
        return -1;
      }
      return strings.computeIfAbsent(s, k -> {
        stringList.add(k);
        return stringList.size() - 1;
      });
    }

    int evr(Evr e) {
      if (e == null) {
        return -1;
      }
      Integer id = evrs.get(e);
      if (id == null) {
        str(e.version());
        str(e.release());
        evrList.add(e);
        id = evrList.size() - 1;
        evrs.put(e, id);
      }
      return id;
    }

    int dep(Dependency d) {
      Integer id = deps.get(d);
      if (id == null) {
        if (d instanceof Relation r) {
          str(r.name());
          str(r.archQualifier());
          evr(r.evr());
        } else {
          for (Dependency a : ((BoolDep) d).args()) {
            dep(a);
          }
        }
        depList.add(d);
        id = depList.size() - 1;
        deps.put(d, id);
      }
      return id;
    }

    int list(List<? extends Dependency> l) {
      Integer id = lists.get(l);
      if (id == null) {
        for (Dependency d : l) {
          dep(d);
        }
        listList.add(l);
        id = listList.size() - 1;
        lists.put(l, id);
      }
      return id;
    }
  }

  private static void write(DataOutputStream out, List<Package> packages) throws IOException {
    Tables t = new Tables();
    int[][] refs = new int[packages.size()][];
    for (int i = 0; i < packages.size(); i++) {
      Package p = packages.get(i);
      refs[i] = new int[] {
        t.str(p.name()), t.evr(p.evr()), t.str(p.arch()), t.list(p.requires()), t.list(p.recommends()),
        t.list(p.conflicts()), t.list(p.breaks()), t.list(p.obsoletes()), t.list(p.provides()),
        t.str(p.location()), t.str(p.sha256())
      };
      for (String f : p.files()) {
        t.str(f);
      }
    }
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    out.writeInt(t.stringList.size());
    for (String s : t.stringList) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }
    out.writeInt(t.evrList.size());
    for (Evr e : t.evrList) {
      out.writeInt(e.epoch());
      out.writeInt(t.str(e.version()));
      out.writeInt(t.str(e.release()));
    }
    out.writeInt(t.depList.size());
    for (Dependency d : t.depList) {
      if (d instanceof Relation r) {
        out.writeByte(0);
        out.writeInt(t.str(r.name()));
        out.writeByte(r.op().ordinal());
        out.writeInt(t.evr(r.evr()));
        out.writeInt(t.str(r.archQualifier()));
      } else {
        BoolDep b = (BoolDep) d;
        out.writeByte(1 + b.kind().ordinal());
        out.writeInt(b.args().size());
        for (Dependency a : b.args()) {
          out.writeInt(t.dep(a));
        }
      }
    }
    out.writeInt(t.listList.size());
    for (List<? extends Dependency> l : t.listList) {
      out.writeInt(l.size());
      for (Dependency d : l) {
        out.writeInt(t.dep(d));
      }
    }
    out.writeInt(packages.size());
    for (int i = 0; i < packages.size(); i++) {
      Package p = packages.get(i);
      int[] r = refs[i];
      out.writeByte(p.scheme().ordinal());
      out.writeInt(r[0]);
      out.writeInt(r[1]);
      out.writeInt(r[2]);
      out.writeByte(p.multiArch().ordinal());
      out.writeBoolean(p.essential());
      out.writeByte(p.priority());
      for (int k = 3; k <= 8; k++) {
        out.writeInt(r[k]);
      }
      out.writeInt(p.preDepends());
      out.writeInt(p.files().size());
      for (String f : p.files()) {
        out.writeInt(t.str(f));
      }
      out.writeInt(r[9]);
      out.writeLong(p.size());
      out.writeInt(r[10]);
    }
    out.writeInt(MAGIC);
  }

  // ---- reading

  @SuppressWarnings("unchecked")
  private static List<Package> read(ByteBuffer in, String repository) throws IOException {
    if (in.getInt() != MAGIC || in.getInt() != FORMAT) {
      throw new IOException("not a cache file");
    }
    String[] s = new String[in.getInt()];
    for (int i = 0; i < s.length; i++) {
      int len = in.getInt();
      s[i] = new String(in.array(), in.position(), len, StandardCharsets.UTF_8);
      in.position(in.position() + len);
    }
    Evr[] evrs = new Evr[in.getInt()];
    for (int i = 0; i < evrs.length; i++) {
      int epoch = in.getInt();
      String v = s[in.getInt()];
      int r = in.getInt();
      evrs[i] = new Evr(epoch, v, r < 0 ? null : s[r]);
    }
    Dependency[] deps = new Dependency[in.getInt()];
    Op[] ops = Op.values();
    BoolDep.Kind[] kinds = BoolDep.Kind.values();
    for (int i = 0; i < deps.length; i++) {
      int k = in.get();
      if (k == 0) {
        String name = s[in.getInt()];
        Op op = ops[in.get()];
        int e = in.getInt();
        int q = in.getInt();
        deps[i] = new Relation(name, op, e < 0 ? null : evrs[e], q < 0 ? null : s[q]);
      } else {
        Dependency[] args = new Dependency[in.getInt()];
        for (int a = 0; a < args.length; a++) {
          args[a] = deps[in.getInt()];
        }
        deps[i] = new BoolDep(kinds[k - 1], List.of(args));
      }
    }
    List<?>[] lists = new List<?>[in.getInt()];
    for (int i = 0; i < lists.length; i++) {
      Dependency[] l = new Dependency[in.getInt()];
      for (int a = 0; a < l.length; a++) {
        l[a] = deps[in.getInt()];
      }
      lists[i] = List.of(l);
    }
    VersionScheme[] schemes = VersionScheme.values();
    MultiArch[] mas = MultiArch.values();
    int n = in.getInt();
    List<Package> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      VersionScheme scheme = schemes[in.get()];
      String name = s[in.getInt()];
      Evr evr = evrs[in.getInt()];
      String arch = s[in.getInt()];
      MultiArch ma = mas[in.get()];
      boolean essential = (in.get() != 0);
      int prio = in.get();
      List<Dependency> req = (List<Dependency>) lists[in.getInt()];
      List<Dependency> rec = (List<Dependency>) lists[in.getInt()];
      List<Dependency> con = (List<Dependency>) lists[in.getInt()];
      List<Dependency> brk = (List<Dependency>) lists[in.getInt()];
      List<Dependency> obs = (List<Dependency>) lists[in.getInt()];
      List<Relation> prov = (List<Relation>) lists[in.getInt()];
      int pre = in.getInt();
      String[] files = new String[in.getInt()];
      for (int f = 0; f < files.length; f++) {
        files[f] = s[in.getInt()];
      }
      int loc = in.getInt();
      long size = in.getLong();
      int sha = in.getInt();
      out.add(new Package(scheme, name, evr, arch, ma, essential, prio, req, pre, rec, con, brk, obs,
          prov, List.of(files), repository, loc < 0 ? null : s[loc], size, sha < 0 ? null : s[sha]));
    }
    if (in.getInt() != MAGIC) {
      throw new IOException("truncated cache file");
    }
    return out;
  }
}
