package dev.strata.pkg;

import java.io.IOException;

/**
 * The walk shared by the payload formats (a .deb's data.tar, an RPM's cpio): before each entry
 * the rest of the previous one is checked, read errors of the archive reader become one-line
 * {@link PackageFormatException}s, and the end runs the format's end-of-payload checks. A format
 * supplies how to read its next archive entry and how to turn it into a checked {@link
 * PayloadEntry}. Single-threaded.
 *
 * @param <E> the archive reader's entry type
 */
public abstract class ArchivePayload<E> implements PayloadStream {
  /** The package file name, for messages. */
  protected final String pkg;
  /** Whether entry contents are checked against their digests. */
  protected final boolean verify;
  private final String archive;
  private final String member;
  private VerifyingInput current;
  private boolean done;

  /**
   * @param pkg the package file name, for messages
   * @param archive what the archive is, for messages ("data.tar", "cpio payload")
   * @param member where it sits in the package, for messages
   * @param verify whether entry contents are checked against their digests
   */
  protected ArchivePayload(String pkg, String archive, String member, boolean verify) {
    this.pkg = pkg;
    this.archive = archive;
    this.member = member;
    this.verify = verify;
  }

  @Override
  public final PayloadEntry next() throws IOException {
    if (done) {
      return null;
    }
    if (current != null) {
      current.finish(verify);
      current = null;
    }
    E e;
    try {
      e = nextArchiveEntry();
    } catch (PackageFormatException ex) {
      throw ex;
    } catch (IOException | RuntimeException ex) {
      throw PackageFormatException.of("bad " + archive + " (" + Compression.oneLine(ex) + ")", pkg,
          member, "the package is corrupt or truncated; download it again");
    }
    if (e == null) {
      endOfPayload();
      done = true;
      return null;
    }
    return entry(e);
  }

  /** @return the archive reader's next entry, or null at its end */
  protected abstract E nextArchiveEntry() throws IOException;

  /**
   * Checks one archive entry and describes it.
   *
   * @param e the archive entry
   * @return the checked entry; a regular file's content comes through {@link #track}
   */
  protected abstract PayloadEntry entry(E e) throws IOException;

  /** The format's checks once every entry has been read (none by default). */
  protected void endOfPayload() throws IOException {}

  /** Makes {@code content} the entry whose rest is checked before the next entry is read. */
  protected final VerifyingInput track(VerifyingInput content) {
    current = content;
    return content;
  }
}
