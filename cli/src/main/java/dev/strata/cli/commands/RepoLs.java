package dev.strata.cli.commands;

import dev.strata.store.DirMeta;
import dev.strata.store.FileHeader;
import dev.strata.store.FileObject;
import dev.strata.store.Repo;
import dev.strata.store.TreeReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata repo ls [-R] REF [PATH]}: lists a commit's tree in {@code ostree ls} format. */
@Command(name = "ls", description = "List a path in a commit (ostree ls format).")
final class RepoLs implements Callable<Integer> {
  @Mixin RepoOption repo;

  @Option(names = {"-R", "--recursive"}, description = "List recursively.")
  boolean recursive;

  @Option(names = {"-C", "--checksum"}, description = "Show object checksums.")
  boolean checksums;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Parameters(index = "0", paramLabel = "REF", description = "Ref or commit checksum.")
  String rev;

  @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", defaultValue = "/", description = "Path in the commit.")
  String path;

  @Spec CommandSpec spec;

  private final List<Map<String, Object>> rows = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Repo r = repo.open();
    TreeReader t = r.treeReader(r.resolve(rev));
    TreeReader.Entry start = t.lookup(path);
    PrintWriter out = spec.commandLine().getOut();
    print(t, start, out);
    if (start.directory()) {
      if (recursive) {
        t.walk(start, e -> print(t, e, out));
      } else {
        for (TreeReader.Entry e : t.list(start)) {
          print(t, e, out);
        }
      }
    }
    if (json) {
      out.println(StoreRender.GSON.toJson(rows));
    }
    return 0;
  }

  private void print(TreeReader t, TreeReader.Entry e, PrintWriter out) throws IOException {
    char type;
    int mode;
    int uid;
    int gid;
    long size = 0;
    String target = null;
    if (e.directory()) {
      DirMeta m = t.dirMeta(e);
      type = 'd';
      mode = m.mode();
      uid = m.uid();
      gid = m.gid();
    } else {
      FileObject fo = t.file(e);
      FileHeader h = fo.header();
      type = h.isSymlink() ? 'l' : '-';
      mode = h.mode();
      uid = h.uid();
      gid = h.gid();
      size = fo.size();
      target = h.isSymlink() ? h.symlinkTarget() : null;
    }
    if (json) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("path", e.path());
      row.put("type", type == 'd' ? "directory" : type == 'l' ? "symlink" : "file");
      row.put("mode", String.format("%04o", mode & 07777));
      row.put("uid", uid);
      row.put("gid", gid);
      row.put("size", size);
      row.put("target", target);
      row.put("checksum", e.checksum().hex());
      if (e.directory()) {
        row.put("metaChecksum", e.metaChecksum().hex());
      }
      rows.add(row);
      return;
    }
    StringBuilder sb = new StringBuilder();
    sb.append(type).append(String.format("%05o", mode & 07777)).append(' ').append(Integer.toUnsignedString(uid))
        .append(' ').append(Integer.toUnsignedString(gid)).append(' ').append(String.format("%6d", size)).append(' ');
    if (checksums) {
      sb.append(e.checksum()).append(' ');
      if (e.directory()) {
        sb.append(e.metaChecksum()).append(' ');
      }
    }
    sb.append(e.path());
    if (target != null) {
      sb.append(" -> ").append(target);
    }
    out.println(sb);
  }
}
