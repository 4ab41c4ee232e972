package dev.strata.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A content object opened for reading: its header and a way to stream its content (empty for a
 * symlink). Immutable; each {@link #openContent()} returns a new stream.
 */
public final class FileObject {
  /** Opens the content stream. */
  @FunctionalInterface
  public interface ContentOpener {
    /** @return a new stream over the uncompressed content */
    InputStream open() throws IOException;
  }

  private final Checksum checksum;
  private final FileHeader header;
  private final long size;
  private final Path loosePath;
  private final ContentOpener opener;

  /**
   * @param checksum the object's name
   * @param header its metadata
   * @param size content size in bytes (0 for a symlink)
   * @param loosePath the object's file in the repository
   * @param opener opens the content
   */
  public FileObject(Checksum checksum, FileHeader header, long size, Path loosePath, ContentOpener opener) {
    this.checksum = checksum;
    this.header = header;
    this.size = size;
    this.loosePath = loosePath;
    this.opener = opener;
  }

  /** @return the object's checksum */
  public Checksum checksum() {
    return checksum;
  }

  /** @return owner, group, mode, symlink target, xattrs */
  public FileHeader header() {
    return header;
  }

  /** @return the uncompressed content size */
  public long size() {
    return size;
  }

  /** @return the loose object file */
  public Path loosePath() {
    return loosePath;
  }

  /** @return a new stream over the content (empty for a symlink) */
  public InputStream openContent() throws IOException {
    return header.isSymlink() ? InputStream.nullInputStream() : opener.open();
  }

  /** @return the whole content */
  public byte[] readContent() throws IOException {
    try (InputStream in = openContent()) {
      return in.readAllBytes();
    }
  }
}
