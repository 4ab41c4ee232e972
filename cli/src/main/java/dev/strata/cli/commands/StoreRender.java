package dev.strata.cli.commands;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.strata.store.Checksum;
import dev.strata.store.Commit;
import dev.strata.store.gvariant.Variant;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Text and JSON renderings of store objects, shared by the repo verbs. */
final class StoreRender {
  static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '+0000'").withZone(ZoneOffset.UTC);

  private StoreRender() {}

  /** The text {@code ostree log}/{@code show} prints for one commit. */
  static String commitText(Checksum id, Commit c) {
    StringBuilder sb = new StringBuilder();
    sb.append("commit ").append(id).append('\n');
    c.parent().ifPresent(p -> sb.append("Parent:  ").append(p).append('\n'));
    sb.append("ContentChecksum:  ").append(c.contentChecksum()).append('\n');
    sb.append("Date:  ").append(DATE.format(Instant.ofEpochSecond(c.timestamp()))).append('\n');
    c.metadataString("version").ifPresent(v -> sb.append("Version: ").append(v).append('\n'));
    if (c.subject().isEmpty()) {
      sb.append("(no subject)\n");
    } else {
      sb.append('\n').append("    ").append(c.subject()).append('\n');
      if (!c.body().isEmpty()) {
        sb.append('\n');
        for (String line : c.body().split("\n", -1)) {
          sb.append("    ").append(line).append('\n');
        }
      }
    }
    return sb.toString();
  }

  /** A JSON-ready map for one commit. */
  static Map<String, Object> commitJson(Checksum id, Commit c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("checksum", id.hex());
    m.put("parent", c.parent().map(Checksum::hex).orElse(null));
    m.put("subject", c.subject());
    m.put("body", c.body());
    m.put("timestamp", c.timestamp());
    m.put("date", DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(c.timestamp())));
    m.put("version", c.metadataString("version").orElse(null));
    m.put("contentChecksum", c.contentChecksum().hex());
    m.put("rootTree", c.rootTree().hex());
    m.put("rootMeta", c.rootMeta().hex());
    Map<String, Object> meta = new LinkedHashMap<>();
    c.metadata().forEach((k, v) -> meta.put(k, json(v.value())));
    m.put("metadata", meta);
    return m;
  }

  /** Converts the GVariant Java mapping into JSON-friendly values. */
  static Object json(Object v) {
    if (v instanceof byte[] b) {
      return Base64.getEncoder().encodeToString(b);
    }
    if (v instanceof Variant var) {
      return json(var.value());
    }
    if (v instanceof List<?> l) {
      return l.stream().map(StoreRender::json).toList();
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, val) -> out.put(String.valueOf(k), json(val)));
      return out;
    }
    if (v instanceof Optional<?> o) {
      return o.map(StoreRender::json).orElse(null);
    }
    return v;
  }

  static String json(Object v, boolean unused) {
    return GSON.toJson(v);
  }
}
