package dev.strata.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a sandboxed program runs and sees: a root tree, extra mounts applied in order, a clean
 * environment, argv, stdin, working directory and a timeout. Immutable; build it with {@link
 * #builder()}. The network is never shared.
 *
 * @param root the tree bound at {@code /}
 * @param readOnlyRoot true to bind the root read-only
 * @param copyUp when present, the root is seen through this kernel overlay and no write reaches it
 * @param mounts the extra mounts, applied after the root in this order
 * @param env the complete environment
 * @param argv the program and its arguments (the program as a path inside the sandbox)
 * @param stdin the bytes fed to standard input (empty: stdin reads end-of-file)
 * @param cwd the working directory inside the sandbox
 * @param timeout how long the program may run before it is killed
 * @param outputLimit how many trailing bytes of output are kept
 */
public record SandboxSpec(
    Path root,
    boolean readOnlyRoot,
    Optional<CopyUpLayer> copyUp,
    List<Mount> mounts,
    Map<String, String> env,
    List<String> argv,
    byte[] stdin,
    String cwd,
    Duration timeout,
    int outputLimit) {

  /** The PATH every sandboxed program gets unless the spec sets another. */
  public static final String DEFAULT_PATH = "/usr/sbin:/usr/bin:/sbin:/bin";

  /** Checks and copies. */
  public SandboxSpec {
    Objects.requireNonNull(root, "root");
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv is empty; give the program to run");
    }
    mounts = List.copyOf(mounts);
    env = Collections.unmodifiableMap(new TreeMap<>(env));
    argv = List.copyOf(argv);
    stdin = stdin.clone();
    if (!cwd.startsWith("/")) {
      throw new IllegalArgumentException("cwd (" + cwd + ") must be absolute");
    }
    if (outputLimit <= 0) {
      throw new IllegalArgumentException("outputLimit (" + outputLimit + ") must be positive");
    }
  }

  /** @return a copy of the stdin bytes */
  @Override
  public byte[] stdin() {
    return stdin.clone();
  }

  /** One mount inside the sandbox, applied in spec order. */
  public sealed interface Mount permits Bind, RootBind, Tmpfs, Dir, Symlink, RemountRo {
    /** @return the path inside the sandbox */
    String dest();
  }

  /**
   * A host path bound into the sandbox.
   *
   * @param source the host path
   * @param dest the path inside the sandbox
   * @param readOnly true for a read-only bind
   */
  public record Bind(Path source, String dest, boolean readOnly) implements Mount {}

  /**
   * A path of the root tree (or of its copy-up view) bound elsewhere in the sandbox.
   *
   * @param relative the path relative to the root, e.g. {@code usr/etc}
   * @param dest the path inside the sandbox
   * @param readOnly true for a read-only bind
   */
  public record RootBind(String relative, String dest, boolean readOnly) implements Mount {}

  /** @param dest an empty tmpfs mounted here */
  public record Tmpfs(String dest) implements Mount {}

  /** @param dest a directory created here (in a tmpfs or writable place) */
  public record Dir(String dest) implements Mount {}

  /**
   * @param target the link target
   * @param dest the symlink's path
   */
  public record Symlink(String target, String dest) implements Mount {}

  /** @param dest a mount point remounted read-only */
  public record RemountRo(String dest) implements Mount {}

  /** @return a builder with the defaults (clean environment with the default PATH, cwd /, 15 min) */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder holding this spec's values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.root = root;
    b.readOnlyRoot = readOnlyRoot;
    b.copyUp = copyUp.orElse(null);
    b.mounts.addAll(mounts);
    b.env.clear();
    b.env.putAll(env);
    b.argv.addAll(argv);
    b.stdin = stdin.clone();
    b.cwd = cwd;
    b.timeout = timeout;
    b.outputLimit = outputLimit;
    return b;
  }

  /** Builds a {@link SandboxSpec}; setters return {@code this}. Not thread-safe. */
  public static final class Builder {
    private Path root;
    private boolean readOnlyRoot;
    private CopyUpLayer copyUp;
    private final List<Mount> mounts = new ArrayList<>();
    private final Map<String, String> env = new TreeMap<>(Map.of(
        "PATH", DEFAULT_PATH, "LANG", "C.UTF-8"));
    private final List<String> argv = new ArrayList<>();
    private byte[] stdin = new byte[0];
    private String cwd = "/";
    private Duration timeout = Duration.ofMinutes(15);
    private int outputLimit = 64 * 1024;

    private Builder() {}

    /** @param root the tree bound at {@code /} */
    public Builder root(Path root) {
      this.root = root;
      return this;
    }

    /** @param ro true to bind the root read-only */
    public Builder readOnlyRoot(boolean ro) {
      this.readOnlyRoot = ro;
      return this;
    }

    /** @param layer the overlay through which the root is seen (null for none) */
    public Builder copyUp(CopyUpLayer layer) {
      this.copyUp = layer;
      return this;
    }

    /** Binds a host path read-write. */
    public Builder bind(Path source, String dest) {
      mounts.add(new Bind(source, dest, false));
      return this;
    }

    /** Binds a host path read-only. */
    public Builder roBind(Path source, String dest) {
      mounts.add(new Bind(source, dest, true));
      return this;
    }

    /** Binds a path of the root tree (its copy-up view when there is one) elsewhere. */
    public Builder bindInRoot(String relative, String dest, boolean readOnly) {
      mounts.add(new RootBind(relative, dest, readOnly));
      return this;
    }

    /** Mounts an empty tmpfs. */
    public Builder tmpfs(String dest) {
      mounts.add(new Tmpfs(dest));
      return this;
    }

    /** Creates a directory. */
    public Builder dir(String dest) {
      mounts.add(new Dir(dest));
      return this;
    }

    /** Creates a symlink. */
    public Builder symlink(String target, String dest) {
      mounts.add(new Symlink(target, dest));
      return this;
    }

    /** Remounts a mount point read-only. */
    public Builder remountRo(String dest) {
      mounts.add(new RemountRo(dest));
      return this;
    }

    /** Sets one environment variable (the environment holds nothing else but these). */
    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    /** Removes every environment variable, PATH and LANG included. */
    public Builder clearEnv() {
      env.clear();
      return this;
    }

    /** @param argv the program and its arguments */
    public Builder argv(String... argv) {
      return argv(List.of(argv));
    }

    /** @param argv the program and its arguments */
    public Builder argv(List<String> argv) {
      this.argv.clear();
      this.argv.addAll(argv);
      return this;
    }

    /** @param stdin bytes for standard input */
    public Builder stdin(byte[] stdin) {
      this.stdin = stdin.clone();
      return this;
    }

    /** @param cwd the working directory inside the sandbox */
    public Builder cwd(String cwd) {
      this.cwd = cwd;
      return this;
    }

    /** @param timeout how long the program may run */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** @param bytes how many trailing output bytes to keep */
    public Builder outputLimit(int bytes) {
      this.outputLimit = bytes;
      return this;
    }

    /** @return the spec */
    public SandboxSpec build() {
      return new SandboxSpec(root, readOnlyRoot, Optional.ofNullable(copyUp), mounts, env, argv,
          stdin, cwd, timeout, outputLimit);
    }
  }
}
