package dev.strata.sandbox.bwrap;

import dev.strata.sandbox.CopyUpLayer;
import dev.strata.sandbox.ProcessResult;
import dev.strata.sandbox.Sandbox;
import dev.strata.sandbox.SandboxException;
import dev.strata.sandbox.SandboxSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs with bubblewrap (0.8 or later) as root, without a user namespace (so every uid
 * and gid maps and ownership stays right): new pid, ipc, uts and network namespaces (only
 * loopback), a cgroup namespace when possible, {@code --die-with-parent}, {@code --new-session},
 * a fresh {@code /proc}, a minimal {@code /dev}, tmpfs {@code /tmp} and {@code /run}, all
 * capabilities dropped except rpm-ostree's script set, and exactly the spec's environment.
 *
 * <p>With a {@link CopyUpLayer} the command is {@code unshare --mount} + {@code mount -t overlay}
 * + {@code bwrap --bind MERGED /}: the overlay exists only in that private mount namespace and
 * goes away with it. Thread-safe.
 */
public final class BwrapSandbox implements Sandbox {
  /** The capabilities kept (rpm-ostree's set for scripts). */
  static final List<String> CAPS = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER",
      "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_SYS_CHROOT",
      "CAP_SETFCAP");

  private final String bwrap;
  private final String unshare;

  /** Uses {@code bwrap} and {@code unshare} from /usr/bin (or the PATH). */
  public BwrapSandbox() {
    this.bwrap = find("bwrap");
    this.unshare = find("unshare");
  }

  private static String find(String tool) {
    for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/bin:/usr/sbin")
        .split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return Path.of(dir, tool).toString();
      }
    }
    return null;
  }

  @Override
  public ProcessResult run(SandboxSpec spec) throws IOException {
    if (bwrap == null) {
      throw new SandboxException("bubblewrap (bwrap) is not installed; install the bubblewrap "
          + "package to run package scripts");
    }
    Path root = spec.root().toAbsolutePath();
    if (!Files.isDirectory(root)) {
      throw new SandboxException("sandbox root " + root + " is not a directory; give a tree");
    }
    CopyUpLayer layer = spec.copyUp().orElse(null);
    Path seenRoot = root;
    if (layer != null) {
      if (unshare == null) {
        throw new SandboxException("unshare (util-linux) is not installed; install util-linux");
      }
      if (!layer.tree().equals(root)) {
        throw new SandboxException("copy-up layer is for " + layer.tree() + ", not for " + root
            + "; create the layer for the sandbox root");
      }
      for (String d : List.of("proc", "dev", "tmp", "run")) {
        if (!Files.isDirectory(root.resolve(d), LinkOption.NOFOLLOW_LINKS)) {
          layer.skeletonDir(d);
        }
      }
      seenRoot = layer.mergedDir();
    }
    Path status = Files.createTempFile("strata-bwrap-", ".json");
    try {
      List<String> cmd = new ArrayList<>();
      if (layer != null) {
        cmd.addAll(List.of(unshare, "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
            "st=$1; mount -t overlay strata-copyup -o \"$2\" \"$3\" || exit 125; shift 3; "
                + "exec \"$@\" 3>\"$st\"",
            "sh", status.toString(), layer.mountOptions(), seenRoot.toString()));
      } else {
        cmd.addAll(List.of("/bin/sh", "-c", "st=$1; shift; exec \"$@\" 3>\"$st\"", "sh",
            status.toString()));
      }
      cmd.addAll(bwrapArgs(spec, seenRoot));
      if (System.getenv("STRATA_SANDBOX_DEBUG") != null) {
        System.err.println("sandbox: " + String.join(" ", cmd));
      }
      return execute(cmd, spec, status);
    } finally {
      Files.deleteIfExists(status);
    }
  }

  List<String> bwrapArgs(SandboxSpec spec, Path seenRoot) throws SandboxException {
    List<String> a = new ArrayList<>(List.of(bwrap, "--unshare-pid", "--unshare-ipc",
        "--unshare-uts", "--unshare-net", "--unshare-cgroup-try", "--die-with-parent",
        "--new-session", "--json-status-fd", "3"));
    a.addAll(List.of(spec.readOnlyRoot() ? "--ro-bind" : "--bind", seenRoot.toString(), "/"));
    a.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--tmpfs", "/run"));
    for (SandboxSpec.Mount m : spec.mounts()) {
      checkDest(m.dest());
      if (m instanceof SandboxSpec.Bind b) {
        if (!Files.exists(b.source())) {
          throw new SandboxException("bind source " + b.source() + " does not exist; create it "
              + "or drop the bind");
        }
        a.addAll(List.of(b.readOnly() ? "--ro-bind" : "--bind", b.source().toString(), b.dest()));
      } else if (m instanceof SandboxSpec.RootBind b) {
        Path src = seenRoot.resolve(b.relative());
        if (spec.copyUp().isEmpty() && !Files.exists(src)) {
          throw new SandboxException("path " + b.relative() + " is missing in the sandbox root; "
              + "create it or drop the bind");
        }
        a.addAll(List.of(b.readOnly() ? "--ro-bind" : "--bind", src.toString(), b.dest()));
      } else if (m instanceof SandboxSpec.Tmpfs t) {
        a.addAll(List.of("--tmpfs", t.dest()));
      } else if (m instanceof SandboxSpec.Dir d) {
        a.addAll(List.of("--dir", d.dest()));
      } else if (m instanceof SandboxSpec.Symlink s) {
        a.addAll(List.of("--symlink", s.target(), s.dest()));
      } else if (m instanceof SandboxSpec.RemountRo r) {
        a.addAll(List.of("--remount-ro", r.dest()));
      }
    }
    a.addAll(List.of("--cap-drop", "ALL"));
    for (String c : CAPS) {
      a.addAll(List.of("--cap-add", c));
    }
    a.add("--clearenv");
    for (Map.Entry<String, String> e : spec.env().entrySet()) {
      a.addAll(List.of("--setenv", e.getKey(), e.getValue()));
    }
    a.addAll(List.of("--chdir", spec.cwd(), "--"));
    a.addAll(spec.argv());
    return a;
  }

  private static void checkDest(String dest) throws SandboxException {
    if (!dest.startsWith("/") || dest.contains("/../") || dest.endsWith("/..")) {
      throw new SandboxException("sandbox path '" + dest + "' is not absolute and normal; use "
          + "an absolute path without '..'");
    }
  }

  private static ProcessResult execute(List<String> cmd, SandboxSpec spec, Path status)
      throws IOException {
    long start = System.nanoTime();
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    Process p = pb.start();
    TailBuffer tail = new TailBuffer(spec.outputLimit());
    Thread reader = new Thread(() -> {
      try (InputStream in = p.getInputStream()) {
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) > 0; ) {
          tail.write(buf, 0, n);
        }
      } catch (IOException ignored) {
        // the process went away; what was read is kept
      }
    }, "sandbox-output");
    reader.setDaemon(true);
    reader.start();
    byte[] input = spec.stdin();
    Thread writer = new Thread(() -> {
      try (OutputStream out = p.getOutputStream()) {
        out.write(input);
      } catch (IOException ignored) {
        // the program closed stdin early
      }
    }, "sandbox-input");
    writer.setDaemon(true);
    writer.start();
    boolean timedOut = false;
    try {
      if (!p.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        timedOut = true;
        p.destroyForcibly();
        p.waitFor();
      }
      reader.join(10_000);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while a sandboxed program ran; retry", e);
    }
    String json = Files.readString(status);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    String out = tail.text().strip();
    String lastLine = out.substring(out.lastIndexOf('\n') + 1);
    // bwrap reports the child's pid before the child sets up its mounts; a setup failure is bwrap
    // (or the overlay mount) dying with its own message and status 1 (125 for the mount)
    boolean setupFailed = !timedOut && (!json.contains("\"child-pid\"")
        || (p.exitValue() == 1 && lastLine.startsWith("bwrap: "))
        || (p.exitValue() == 125 && lastLine.startsWith("mount: ")));
    if (setupFailed) {
      throw new SandboxException("could not set up the sandbox for " + spec.argv().get(0)
          + " (" + (out.isEmpty() ? "exit status " + p.exitValue() : lastLine)
          + "); check that bubblewrap works and the tree is complete");
    }
    return new ProcessResult(timedOut ? -1 : p.exitValue(), timedOut, tail.bytes(),
        tail.truncated(), elapsed);
  }

  /** Keeps the last {@code limit} bytes written. Thread-safe. */
  static final class TailBuffer {
    private final byte[] ring;
    private long total;

    TailBuffer(int limit) {
      ring = new byte[limit];
    }

    synchronized void write(byte[] b, int off, int len) {
      for (int i = 0; i < len; i++) {
        ring[(int) (total++ % ring.length)] = b[off + i];
      }
    }

    synchronized boolean truncated() {
      return total > ring.length;
    }

    synchronized byte[] bytes() {
      if (total <= ring.length) {
        return java.util.Arrays.copyOf(ring, (int) total);
      }
      byte[] out = new byte[ring.length];
      int start = (int) (total % ring.length);
      System.arraycopy(ring, start, out, 0, ring.length - start);
      System.arraycopy(ring, 0, out, ring.length - start, start);
      return out;
    }

    String text() {
      return new String(bytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
