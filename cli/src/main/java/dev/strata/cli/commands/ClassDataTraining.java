package dev.strata.cli.commands;

import dev.strata.cli.Main;
import dev.strata.store.util.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run behind the launcher's class-data archive: runs a representative session of
 * verbs in one JVM, in a scratch directory, so that {@code -XX:ArchiveClassesAtExit} records the
 * classes every verb needs at start, not only those of one command. Not a user command; the
 * launcher runs it once per build.
 *
 * <p>Each step runs for the classes it loads; a step that cannot run here (the demo sysroot needs
 * root and bubblewrap) is skipped and the rest go on. Nothing outside the scratch directory is
 * written, and the scratch directory is removed at the end.
 */
public final class ClassDataTraining {
  private ClassDataTraining() {}

  /**
   * Runs the training session.
   *
   * @param args one argument: a scratch directory (created if missing, removed afterwards)
   * @throws IOException when the scratch directory cannot be made or removed
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ClassDataTraining SCRATCH-DIR");
      System.exit(2);
    }
    Path scratch = Files.createDirectories(Path.of(args[0]).toAbsolutePath());
    PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    try {
      session(scratch, sink);
    } finally {
      DemoSysroot.unlock(scratch.resolve("demo/sysroot"));
      AtomicFiles.deleteTree(scratch);
    }
    System.exit(0);
  }

  private static void session(Path s, PrintWriter sink) throws IOException {
    List<String[]> cmds = new ArrayList<>();
    String repo = "--repo=" + s.resolve("repo");
    Path tree = s.resolve("tree");
    Files.createDirectories(tree.resolve("usr/bin"));
    Files.createDirectories(tree.resolve("usr/share/dpkg/database"));
    Files.writeString(tree.resolve("usr/bin/hello"), "#!/bin/sh\necho hello\n");
    Files.createSymbolicLink(tree.resolve("usr/bin/hi"), Path.of("hello"));
    Files.writeString(tree.resolve("usr/share/dpkg/database/status"),
        "Package: a\nStatus: install ok installed\nArchitecture: all\nVersion: 1.0-1\n\n");
    cmds.add(new String[] {"--version"});
    cmds.add(new String[] {"--help"});
    cmds.add(new String[] {"repo", "init", repo, "--mode=bare-user"});
    cmds.add(new String[] {"repo", "commit", repo, "-b", "a", "-s", "one", tree.toString()});
    cmds.add(new String[] {"repo", "checkout", repo, "a", s.resolve("co").toString()});
    cmds.add(new String[] {"repo", "log", repo, "a"});
    cmds.add(new String[] {"repo", "show", repo, "a"});
    cmds.add(new String[] {"repo", "ls", repo, "-R", "a"});
    cmds.add(new String[] {"repo", "cat", repo, "a", "/usr/bin/hello"});
    cmds.add(new String[] {"repo", "refs", repo});
    cmds.add(new String[] {"repo", "rev-parse", repo, "a"});
    cmds.add(new String[] {"repo", "fsck", repo});
    run(cmds, sink);
    Files.writeString(tree.resolve("usr/share/dpkg/database/status"),
        "Package: a\nStatus: install ok installed\nArchitecture: all\nVersion: 1:0.9~rc1-1\n\n");
    cmds.add(new String[] {"repo", "commit", repo, "-b", "b", tree.toString()});
    cmds.add(new String[] {"db", "diff", repo, "a", "b"});
    cmds.add(new String[] {"db", "diff", repo, "--format=json", "a", "b"});
    cmds.add(new String[] {"db", "list", repo, "b"});
    run(cmds, sink);

    Path sys;
    try {
      sys = DemoSysroot.run(s.resolve("demo"), sink, sink);
    } catch (IOException | RuntimeException e) {
      return;   // not root, or no bubblewrap: the store verbs above are trained
    }
    String root = "--sysroot=" + sys;
    Path pkgs = s.resolve("demo/packages");
    try (var files = Files.walk(pkgs)) {
      files.filter(p -> p.toString().endsWith(".deb")).findFirst().ifPresent(deb -> {
        cmds.add(new String[] {"pkg", "info", deb.toString()});
        cmds.add(new String[] {"pkg", "contents", "--json", deb.toString()});
      });
    }
    cmds.add(new String[] {root, "status"});
    cmds.add(new String[] {root, "status", "-v", "--json"});
    cmds.add(new String[] {root, "db", "diff"});
    cmds.add(new String[] {root, "db", "diff", "--format=json"});
    cmds.add(new String[] {root, "db", "list"});
    cmds.add(new String[] {root, "kargs"});
    cmds.add(new String[] {root, "kargs", "--append=quiet"});
    cmds.add(new String[] {root, "uninstall", "strace"});
    cmds.add(new String[] {root, "install", "--dry-run", "--json", "strace"});
    try (var dirs = Files.list(sys.resolve("ostree/deploy/" + DemoSysroot.OS + "/deploy"))) {
      dirs.filter(Files::isDirectory).findFirst().ifPresent(dep -> {
        // the depsolver's planning command, once filling its metadata cache and once from it
        for (int i = 0; i < 2; i++) {
          cmds.add(new String[] {"install", "--dry-run", "--json", "--root=" + dep,
              "--cache-dir=" + s.resolve("metadata-cache"), "strace"});
        }
      });
    }
    cmds.add(new String[] {root, "rollback"});
    cmds.add(new String[] {root, "admin", "status"});
    cmds.add(new String[] {root, "cleanup", "-r"});
    run(cmds, sink);
  }

  private static void run(List<String[]> cmds, PrintWriter sink) {
    for (String[] c : cmds) {
      Main.run(c, sink, sink);
    }
    cmds.clear();
  }
}
