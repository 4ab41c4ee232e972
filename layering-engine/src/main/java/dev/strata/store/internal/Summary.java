package dev.strata.store.internal;

import dev.strata.store.Checksum;
import dev.strata.store.Commit;
import dev.strata.store.ObjectType;
import dev.strata.store.Repo;
import dev.strata.store.gvariant.GVariant;
import dev.strata.store.gvariant.Variant;
import dev.strata.store.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code REPO/summary} ({@code (a(s(taya{sv}))a{sv})}), as {@code ostree summary -u} does,
 * and sets {@code core.indexed-deltas=true} in the config.
 */
public final class Summary {
  /** The summary's GVariant type. */
  public static final String TYPE = "(a(s(taya{sv}))a{sv})";

  private Summary() {}

  /**
   * Regenerates the summary.
   *
   * @param repo the repository
   * @param now seconds since the epoch for {@code ostree.summary.last-modified}
   * @return the summary bytes written
   */
  public static byte[] update(Repo repo, long now) throws IOException {
    List<Object> refs = new ArrayList<>();
    for (Map.Entry<String, Checksum> r : repo.refs().list().entrySet()) {
      if (r.getKey().contains(":")) {
        continue;
      }
      byte[] raw = repo.readMetadataBytes(r.getValue(), ObjectType.COMMIT);
      Commit c = Commit.parse(raw);
      Map<String, Variant> meta = new LinkedHashMap<>();
      meta.put("ostree.commit.timestamp", new Variant("t", Long.reverseBytes(c.timestamp())));
      Optional<String> version = c.metadataString("version");
      version.ifPresent(v -> meta.put("ostree.commit.version", Variant.ofString(v)));
      refs.add(List.of(r.getKey(), List.of((long) raw.length, r.getValue().bytes(), meta)));
    }
    Map<String, Variant> global = new LinkedHashMap<>();
    global.put("ostree.summary.mode", Variant.ofString(repo.mode().configName()));
    global.put("ostree.summary.last-modified", new Variant("t", Long.reverseBytes(now)));
    global.put("ostree.summary.tombstone-commits", Variant.ofBoolean(false));
    global.put("ostree.summary.indexed-deltas", Variant.ofBoolean(true));
    byte[] data = GVariant.encode(TYPE, List.of(refs, global));
    ensureIndexedDeltas(repo);
    AtomicFiles.write(repo.path().resolve("summary"), data);
    return data;
  }

  private static void ensureIndexedDeltas(Repo repo) throws IOException {
    var config = repo.path().resolve("config");
    List<String> lines = new ArrayList<>(Files.readAllLines(config));
    if (lines.stream().anyMatch(l -> l.trim().startsWith("indexed-deltas="))) {
      return;
    }
    int core = lines.indexOf("[core]");
    int at = core + 1;
    while (at < lines.size() && !lines.get(at).startsWith("[")) {
      at++;
    }
    while (at > core + 1 && lines.get(at - 1).isBlank()) {
      at--;
    }
    lines.add(at, "indexed-deltas=true");
    AtomicFiles.write(config, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
