package dev.strata.store;

import dev.strata.store.gvariant.GVariant;
import dev.strata.store.gvariant.GVariantType;
import dev.strata.store.gvariant.Variant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A commit object {@code (a{sv}aya(say)sstayay)}. The metadata map keeps its serialized order
 * (OSTree hashes the exact bytes). The timestamp is stored big-endian. Immutable.
 *
 * @param metadata the {@code a{sv}} metadata, in order
 * @param parent the parent commit, if any
 * @param related related objects (name, commit), normally empty
 * @param subject the subject line
 * @param body the body, may be empty
 * @param timestamp seconds since the epoch, UTC
 * @param rootTree the root dirtree
 * @param rootMeta the root dirmeta
 */
public record Commit(Map<String, Variant> metadata, Optional<Checksum> parent, List<Related> related,
    String subject, String body, long timestamp, Checksum rootTree, Checksum rootMeta) {
  static final GVariantType TYPE = GVariantType.parse("(a{sv}aya(say)sstayay)");

  /** The ref-binding metadata key. */
  public static final String REF_BINDING = "ostree.ref-binding";

  /**
   * A related object.
   *
   * @param name its name
   * @param commit its commit checksum
   */
  public record Related(String name, Checksum commit) {}

  /** Copies the collections, keeping the metadata order. */
  public Commit {
    for (String k : metadata.keySet()) {
      if (k.isEmpty()) {
        throw new IllegalArgumentException("commit metadata keys must not be empty");
      }
    }
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    related = List.copyOf(related);
  }

  /** @return the serialized object */
  public byte[] toBytes() {
    List<Object> rel = new ArrayList<>();
    for (Related r : related) {
      rel.add(List.of(r.name, r.commit.bytes()));
    }
    return GVariant.encode(TYPE, List.of(metadata, parent.map(Checksum::bytes).orElse(new byte[0]), rel,
        subject, body, Long.reverseBytes(timestamp), rootTree.bytes(), rootMeta.bytes()));
  }

  /** @return the commit checksum */
  public Checksum checksum() {
    return Checksum.sha256(toBytes());
  }

  /** @return OSTree's "ContentChecksum": SHA-256 of the root dirtree and dirmeta checksum bytes */
  public Checksum contentChecksum() {
    byte[] b = new byte[64];
    System.arraycopy(rootTree.bytes(), 0, b, 0, 32);
    System.arraycopy(rootMeta.bytes(), 0, b, 32, 32);
    return Checksum.sha256(b);
  }

  /** @return the string value of a metadata key of type {@code s}, if present */
  public Optional<String> metadataString(String key) {
    Variant v = metadata.get(key);
    return v != null && v.value() instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /** @return the {@code ostree.ref-binding} list, empty if absent */
  @SuppressWarnings("unchecked")
  public List<String> refBindings() {
    Variant v = metadata.get(REF_BINDING);
    return v != null && v.type().equals("as") ? (List<String>) v.value() : List.of();
  }

  /** Parses a serialized commit. */
  @SuppressWarnings("unchecked")
  public static Commit parse(byte[] data) {
    List<?> t = (List<?>) GVariant.decode(TYPE, data, 0, data.length);
    Map<String, Variant> meta = new LinkedHashMap<>();
    ((Map<Object, Object>) t.get(0)).forEach((k, v) -> meta.put((String) k, (Variant) v));
    byte[] parent = (byte[]) t.get(1);
    List<Related> rel = new ArrayList<>();
    for (Object o : (List<?>) t.get(2)) {
      List<?> e = (List<?>) o;
      rel.add(new Related((String) e.get(0), Checksum.ofBytes((byte[]) e.get(1))));
    }
    return new Commit(meta, parent.length == 0 ? Optional.empty() : Optional.of(Checksum.ofBytes(parent)), rel,
        (String) t.get(3), (String) t.get(4), Long.reverseBytes((Long) t.get(5)),
        Checksum.ofBytes((byte[]) t.get(6)), Checksum.ofBytes((byte[]) t.get(7)));
  }
}
