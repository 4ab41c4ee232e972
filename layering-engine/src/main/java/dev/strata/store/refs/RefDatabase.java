package dev.strata.store.refs;

import dev.strata.store.Checksum;
import dev.strata.store.Repo;
import dev.strata.store.errors.RefUpdateException;
import dev.strata.store.errors.StoreException;
import dev.strata.store.internal.RepoLock;
import dev.strata.store.util.AtomicFiles;
import dev.strata.store.util.Failpoints;
import dev.strata.store.util.Strcmp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The refs of a repository: {@code refs/heads/NAME} (local) and {@code refs/remotes/REMOTE/NAME}
 * (shown as {@code REMOTE:NAME}). Updates are compare-and-swap under an exclusive lock and
 * replace the ref file atomically. Thread-safe.
 */
public final class RefDatabase {
  private static final Pattern NAME = Pattern.compile("[\\w\\d][-._\\w\\d]*(/[\\w\\d][-._\\w\\d]*)*");

  private final Repo repo;

  /** @param repo the repository */
  public RefDatabase(Repo repo) {
    this.repo = repo;
  }

  /**
   * Checks a ref name the way OSTree does.
   *
   * @param name a ref name such as {@code os/x86_64/stable}
   * @throws IllegalArgumentException if invalid
   */
  public static void validate(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid ref name '" + name
          + "'; use letters, digits, '-', '_', '.' and '/'-separated components");
    }
  }

  private Path file(String name) {
    int colon = name.indexOf(':');
    if (colon >= 0) {
      String remote = name.substring(0, colon);
      String ref = name.substring(colon + 1);
      validate(remote);
      validate(ref);
      return repo.path().resolve("refs/remotes").resolve(remote).resolve(ref);
    }
    validate(name);
    return repo.path().resolve("refs/heads").resolve(name);
  }

  /**
   * Reads a ref.
   *
   * @param name {@code NAME} or {@code REMOTE:NAME}
   * @return its commit, or empty when the ref does not exist
   */
  public Optional<Checksum> resolve(String name) throws IOException {
    Path f;
    try {
      f = file(name);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    String s;
    try {
      s = Files.readString(f, StandardCharsets.UTF_8).trim();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (!Checksum.isValid(s)) {
      throw new StoreException("ref " + name + " in " + repo.path() + " holds '" + s
          + "', not a checksum; fix or delete the file " + f);
    }
    return Optional.of(new Checksum(s));
  }

  /** @return all refs, local ones by name and remote ones as {@code REMOTE:NAME}, in strcmp order */
  public Map<String, Checksum> list() throws IOException {
    Map<String, Checksum> out = new TreeMap<>(Strcmp::compare);
    collect(repo.path().resolve("refs/heads"), "", out);
    Path remotes = repo.path().resolve("refs/remotes");
    if (Files.isDirectory(remotes)) {
      try (Stream<Path> s = Files.list(remotes)) {
        for (Path r : (Iterable<Path>) s::iterator) {
          if (Files.isDirectory(r)) {
            collect(r, r.getFileName() + ":", out);
          }
        }
      }
    }
    return out;
  }

  private void collect(Path base, String prefix, Map<String, Checksum> out) throws IOException {
    if (!Files.isDirectory(base)) {
      return;
    }
    try (Stream<Path> s = Files.walk(base)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
          String name = base.relativize(p).toString();
          String v = Files.readString(p, StandardCharsets.UTF_8).trim();
          if (Checksum.isValid(v)) {
            out.put(prefix + name, new Checksum(v));
          }
        }
      }
    }
  }

  /**
   * Moves a ref from {@code expected} to {@code value}, atomically, if nobody moved it meanwhile.
   *
   * @param name the ref
   * @param expected the value it must still have (empty: it must not exist)
   * @param value the new value
   * @throws RefUpdateException if the ref changed since {@code expected} was read
   */
  public void compareAndSet(String name, Optional<Checksum> expected, Checksum value) throws IOException {
    Path f = file(name);
    try (RepoLock l = RepoLock.exclusive(repo.path().resolve(".strata-refs.lock"))) {
      Optional<Checksum> now = resolve(name);
      if (!now.equals(expected)) {
        throw new RefUpdateException("ref " + name + " moved from " + expected.map(Checksum::hex).orElse("(none)")
            + " to " + now.map(Checksum::hex).orElse("(none)")
            + " while this change was being made; run the command again");
      }
      writeRef(name, f, value);
    }
  }

  /** Sets a ref unconditionally (creating it if missing). */
  public void set(String name, Checksum value) throws IOException {
    Path f = file(name);
    try (RepoLock l = RepoLock.exclusive(repo.path().resolve(".strata-refs.lock"))) {
      writeRef(name, f, value);
    }
  }

  private void writeRef(String name, Path f, Checksum value) throws IOException {
    Failpoints.hit("ref-before-write");
    Path parent = f.getParent();
    for (Path p = parent; !p.equals(repo.path().resolve("refs")); p = p.getParent()) {
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p)) {
        throw new RefUpdateException("cannot create ref " + name + ": ref "
            + repo.path().resolve("refs/heads").relativize(p) + " exists; delete it or choose another name");
      }
    }
    if (Files.isDirectory(f)) {
      throw new RefUpdateException("cannot create ref " + name + ": refs below it exist; choose another name");
    }
    Files.createDirectories(parent);
    Path tmp = repo.path().resolve("tmp");
    Files.createDirectories(tmp);
    AtomicFiles.writeVia(f, (value.hex() + "\n").getBytes(StandardCharsets.US_ASCII), tmp);
  }

  /**
   * Deletes a ref.
   *
   * @param name the ref
   * @return true if it existed
   */
  public boolean delete(String name) throws IOException {
    Path f = file(name);
    try (RepoLock l = RepoLock.exclusive(repo.path().resolve(".strata-refs.lock"))) {
      boolean existed = Files.deleteIfExists(f);
      Path stop = repo.path().resolve("refs");
      for (Path p = f.getParent(); p != null && p.startsWith(stop) && p.getNameCount() > stop.getNameCount() + 1;
          p = p.getParent()) {
        try (Stream<Path> s = Files.list(p)) {
          if (s.findAny().isPresent()) {
            break;
          }
        }
        Files.delete(p);
      }
      if (existed) {
        AtomicFiles.fsyncDir(f.getParent().toFile().exists() ? f.getParent() : stop);
      }
      return existed;
    }
  }
}
