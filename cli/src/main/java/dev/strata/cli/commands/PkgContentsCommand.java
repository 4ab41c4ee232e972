package dev.strata.cli.commands;

import com.google.gson.GsonBuilder;
import dev.strata.pkg.FileType;
import dev.strata.pkg.Package;
import dev.strata.pkg.PackageArchive;
import dev.strata.pkg.PackageFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code strata pkg contents [--json] FILE...}: the files of one or more packages, after reading
 * and checking the whole payload. Several files are read in parallel and printed in order, once
 * all of them read cleanly.
 */
@Command(name = "contents", description = "List the files of packages (checking the payload).")
final class PkgContentsCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Option(names = "--verify-content",
      description = "Also hash every file and compare with the package's digests (RPM file "
          + "digests, Debian md5sums). Paths, types, sizes and structure are always checked.")
  boolean verifyContent;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = ".rpm or .deb files.")
  List<Path> files;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    int threads = Math.min(files.size(), Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "pkg-reader");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Object>> results = new ArrayList<>();
      for (Path file : files) {
        results.add(pool.submit(() -> render(file)));
      }
      List<Object> all = new ArrayList<>();
      for (Future<Object> f : results) {
        Object r;
        try {
          r = f.get();
        } catch (ExecutionException e) {
          for (Future<Object> other : results) {
            other.cancel(true);
          }
          if (e.getCause() instanceof Exception ex) {
            throw ex;
          }
          throw e;
        }
        all.add(r);
      }
      // print only once every package read cleanly: a bad package leaves stdout empty
      if (!json) {
        for (Object r : all) {
          out.print((String) r);
        }
      } else {
        Object doc = files.size() == 1 ? all.get(0) : all;
        out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(doc));
      }
      out.flush();
      return 0;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Reads one package; returns its text listing or its JSON map. */
  private Object render(Path file) throws Exception {
    Package p = PackageArchive.read(file, verifyContent);
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", file.toString());
      m.put("package", p.header().nevra());
      List<Object> fl = new ArrayList<>();
      for (PackageFile f : p.files()) {
        fl.add(toJson(f));
      }
      m.put("files", fl);
      return m;
    }
    StringBuilder sb = new StringBuilder(1 << 14);
    if (files.size() > 1) {
      sb.append("==> ").append(file).append(" <==\n");
    }
    for (PackageFile f : p.files()) {
      line(f, sb);
    }
    return sb.toString();
  }

  static Map<String, Object> toJson(PackageFile f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", f.path());
    m.put("type", f.type().name().toLowerCase());
    m.put("mode", String.format("%04o", f.mode()));
    m.put("owner", f.owner());
    m.put("group", f.group());
    m.put("size", f.size());
    if (!f.digest().isEmpty()) {
      m.put("digest", f.digest());
    }
    if (!f.linkTarget().isEmpty()) {
      m.put(f.type() == FileType.SYMLINK ? "target" : "hardlinkTo", f.linkTarget());
    }
    if (f.hardlinkGroup() != 0) {
      m.put("hardlinkGroup", f.hardlinkGroup());
    }
    if (f.config()) {
      m.put("config", true);
    }
    m.put("mtime", f.mtime());
    return m;
  }

  static void line(PackageFile f, StringBuilder sb) {
    sb.append(f.modeString()).append(' ').append(f.owner()).append('/').append(f.group())
        .append(' ');
    String size = Long.toString(f.size());
    for (int i = size.length(); i < 10; i++) {
      sb.append(' ');
    }
    sb.append(size).append(' ').append(f.path());
    if (f.type() == FileType.SYMLINK) {
      sb.append(" -> ").append(f.linkTarget());
    } else if (!f.linkTarget().isEmpty()) {
      sb.append(" link to ").append(f.linkTarget());
    }
    if (f.config()) {
      sb.append(" (config)");
    }
    sb.append('\n');
  }
}
