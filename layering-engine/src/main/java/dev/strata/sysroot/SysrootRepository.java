package dev.strata.sysroot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What deployments need from the OSTree repository at {@code ostree/repo}: resolve a ref, read a
 * commit's metadata, check a commit out by hardlinks, and keep {@code ostree/B/S/INDEX} refs.
 * Implementations are not required to be thread-safe.
 */
public interface SysrootRepository {
  /**
   * Resolves a ref ({@code REF} or {@code REMOTE:REF}) or a full checksum to a commit checksum.
   *
   * @throws IOException when the ref or commit does not exist
   */
  String resolve(String refOrChecksum) throws IOException;

  /** The commit's {@code version} metadata string (null when absent) and timestamp. */
  CommitInfo commitInfo(String checksum) throws IOException;

  /**
   * Checks the commit out at {@code destination} (which must not exist) as ostree's default
   * checkout does: regular files hardlinked to the repository's objects, owners, modes and xattrs as
   * committed.
   */
  void checkout(String checksum, Path destination) throws IOException;

  /** All refs below {@code prefix} (e.g. {@code "ostree/"}), name to checksum. */
  Map<String, String> refs(String prefix) throws IOException;

  /** Sets ({@code checksum} non-null) or deletes a ref. */
  void setRef(String name, String checksum) throws IOException;

  /**
   * Deletes objects no ref reaches (the {@code ostree/B/S/I} refs keep deployed commits alive).
   *
   * @return a one-line summary for the log
   */
  String prune() throws IOException;

  /**
   * A commit's metadata that deployments show.
   *
   * @param version the {@code version} string, or null
   * @param timestamp seconds since the epoch (UTC)
   */
  record CommitInfo(String version, long timestamp) {
    // written out, not generated: see Kargs
    @Override
    public boolean equals(Object o) {
      return o instanceof CommitInfo c && java.util.Objects.equals(version, c.version)
          && timestamp == c.timestamp;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hashCode(version) * 31 + Long.hashCode(timestamp);
    }
  }
}
