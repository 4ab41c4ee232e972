package dev.strata.pkg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Hand-made bad packages: .debs written entry by entry, and byte surgery on RPM headers. */
final class Crafted {
  private Crafted() {}

  /** A .deb under construction, with arbitrary (possibly hostile) data.tar entries. */
  static final class Deb {
    private final List<TarArchiveEntry> entries = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();
    private String md5sums = "";
    private String dataName = "data.tar.gz";
    private String control = "Package: bad\nVersion: 1.0\nArchitecture: all\n"
        + "Maintainer: T <t@example.org>\nDescription: bad package\n";

    Deb dir(String name) {
      TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_DIR, true);
      e.setMode(040755);
      return add(e, new byte[0]);
    }

    Deb file(String name, String content) {
      byte[] b = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
      e.setMode(0100644);
      e.setSize(b.length);
      return add(e, b);
    }

    Deb symlink(String name, String target) {
      TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
      e.setLinkName(target);
      e.setMode(0120777);
      return add(e, new byte[0]);
    }

    Deb hardlink(String name, String target) {
      TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
      e.setLinkName(target);
      e.setMode(0100644);
      return add(e, new byte[0]);
    }

    Deb special(String name, byte type) {
      TarArchiveEntry e = new TarArchiveEntry(name, type, true);
      e.setMode(type == TarConstants.LF_FIFO ? 010644 : 020644);
      return add(e, new byte[0]);
    }

    Deb md5sums(String text) {
      md5sums = text;
      return this;
    }

    Deb dataMember(String name) {
      dataName = name;
      return this;
    }

    private Deb add(TarArchiveEntry e, byte[] b) {
      e.setUserName("root");
      e.setGroupName("root");
      entries.add(e);
      contents.add(b);
      return this;
    }

    byte[] bytes() throws IOException {
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(gzipIf(data))) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (int i = 0; i < entries.size(); i++) {
          tar.putArchiveEntry(entries.get(i));
          tar.write(contents.get(i));
          tar.closeArchiveEntry();
        }
      }
      ByteArrayOutputStream ctl = new ByteArrayOutputStream();
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(ctl))) {
        put(tar, "./control", control.getBytes(StandardCharsets.UTF_8));
        if (!md5sums.isEmpty()) {
          put(tar, "./md5sums", md5sums.getBytes(StandardCharsets.UTF_8));
        }
      }
      ByteArrayOutputStream deb = new ByteArrayOutputStream();
      try (ArArchiveOutputStream ar = new ArArchiveOutputStream(deb)) {
        member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
        member(ar, "control.tar.gz", ctl.toByteArray());
        member(ar, dataName, data.toByteArray());
      }
      return deb.toByteArray();
    }

    private java.io.OutputStream gzipIf(ByteArrayOutputStream out) throws IOException {
      return dataName.endsWith(".gz") ? new GZIPOutputStream(out) : out;
    }

    Path write(Path dir, String name) throws IOException {
      return Files.write(dir.resolve(name), bytes());
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] b) throws IOException {
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setSize(b.length);
      e.setMode(0100644);
      tar.putArchiveEntry(e);
      tar.write(b);
      tar.closeArchiveEntry();
    }

    private static void member(ArArchiveOutputStream ar, String name, byte[] b) throws IOException {
      ar.putArchiveEntry(new ArArchiveEntry(name, b.length));
      ar.write(b);
      ar.closeArchiveEntry();
    }
  }

  /** The layout of an RPM's headers, for byte surgery. */
  record RpmLayout(int sigIndex, int sigStore, int sigEnd, int hdrStart, int hdrIndex,
      int hdrStore, int hdrEnd) {
    static RpmLayout of(byte[] rpm) {
      ByteBuffer b = ByteBuffer.wrap(rpm);
      int sigN = b.getInt(96 + 8);
      int sigSize = b.getInt(96 + 12);
      int sigIndex = 96 + 16;
      int sigStore = sigIndex + sigN * 16;
      int sigEnd = sigStore + sigSize;
      int hdrStart = sigEnd + (8 - sigSize % 8) % 8;
      int hN = b.getInt(hdrStart + 8);
      int hSize = b.getInt(hdrStart + 12);
      int hdrIndex = hdrStart + 16;
      int hdrStore = hdrIndex + hN * 16;
      return new RpmLayout(sigIndex, sigStore, sigEnd, hdrStart, hdrIndex, hdrStore,
          hdrStore + hSize);
    }

    /** @return the file offset of the data of {@code tag} in the main header, or -1 */
    int headerData(byte[] rpm, int tag) {
      return data(rpm, hdrIndex, hdrStore, tag);
    }

    int headerIndexEntry(byte[] rpm, int tag) {
      ByteBuffer b = ByteBuffer.wrap(rpm);
      for (int p = hdrIndex; p < hdrStore; p += 16) {
        if (b.getInt(p) == tag) {
          return p;
        }
      }
      return -1;
    }

    private static int data(byte[] rpm, int index, int store, int tag) {
      ByteBuffer b = ByteBuffer.wrap(rpm);
      for (int p = index; p < store; p += 16) {
        if (b.getInt(p) == tag) {
          return store + b.getInt(p + 8);
        }
      }
      return -1;
    }

    /** Rewrites the signature's header digests (SHA1, SHA256) after the header was edited. */
    void fixHeaderDigests(byte[] rpm) throws Exception {
      if (hdrStart < 0 || hdrEnd > rpm.length || hdrEnd < hdrStart || sigStore < sigIndex
          || sigStore > rpm.length) {
        return;
      }
      byte[] hdr = java.util.Arrays.copyOfRange(rpm, hdrStart, hdrEnd);
      for (Object[] t : new Object[][] {{273, "SHA-256"}, {269, "SHA-1"}}) {
        int at = data(rpm, sigIndex, sigStore, (Integer) t[0]);
        if (at >= 0 && at + 64 <= rpm.length) {
          String hex = HexFormat.of().formatHex(MessageDigest.getInstance((String) t[1]).digest(hdr));
          System.arraycopy(hex.getBytes(StandardCharsets.US_ASCII), 0, rpm, at, hex.length());
        }
      }
    }
  }
}
