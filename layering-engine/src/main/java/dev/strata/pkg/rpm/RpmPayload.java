package dev.strata.pkg.rpm;

import dev.strata.pkg.BoundedInput;
import dev.strata.pkg.Compression;
import dev.strata.pkg.EntryChecker;
import dev.strata.pkg.FileType;
import dev.strata.pkg.PackageFile;
import dev.strata.pkg.PackageFormatException;
import dev.strata.pkg.PayloadEntry;
import dev.strata.pkg.ArchivePayload;
import dev.strata.pkg.GuardedInput;
import dev.strata.pkg.VerifyingInput;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;

/** The cpio payload of an RPM, each entry checked against the header's file list. */
final class RpmPayload extends ArchivePayload<CpioArchiveEntry> {
  private final InputStream raw;
  private final DigestInputStream digesting;
  private final String payloadDigest;
  private final CpioArchiveInputStream cpio;
  private final InputStream decompressed;
  private final Map<String, PackageFile> byPath = new HashMap<>();
  private final Set<String> ghosts;
  private final Set<String> seen = new HashSet<>();
  private final Map<Integer, Integer> carriers = new HashMap<>();
  private final EntryChecker checker;
  private final List<PackageFile> files;

  RpmPayload(String pkg, InputStream in, long size, String compressor, List<PackageFile> files,
      Set<String> ghosts, String payloadDigest, boolean verify) throws IOException {
    super(pkg, "cpio payload", "payload", verify);
    this.files = files;
    this.ghosts = ghosts;
    this.checker = new EntryChecker(pkg);
    for (PackageFile f : files) {
      byPath.put(f.path(), f);
    }
    this.raw = new BoundedInput(in, size, pkg, "payload");
    this.payloadDigest = payloadDigest;
    InputStream src = raw;
    if (!payloadDigest.isEmpty()) {
      String algo = payloadDigest.substring(0, payloadDigest.indexOf(':'));
      try {
        digesting = new DigestInputStream(raw, MessageDigest.getInstance(
            algo.equals("md5") ? "MD5" : algo.replace("sha", "SHA-")));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      src = digesting;
    } else {
      digesting = null;
    }
    InputStream z = Compression.open(compressor, new BufferedInputStream(src, 1 << 16), pkg,
        "payload");
    this.decompressed = z;
    this.cpio = new CpioArchiveInputStream(new GuardedInput(z, pkg, "payload"));
  }

  @Override
  protected CpioArchiveEntry nextArchiveEntry() throws IOException {
    return cpio.getNextEntry();
  }

  @Override
  protected PayloadEntry entry(CpioArchiveEntry e) throws IOException {
    String path = checker.normalize(e.getName());
    PackageFile f = byPath.get(path);
    if (f == null || ghosts.contains(path)) {
      throw PackageFormatException.of("payload entry not in the header", pkg, path,
          "the package is corrupt; rebuild it");
    }
    if (!seen.add(path)) {
      throw PackageFormatException.of("duplicate entry", pkg, path,
          "the package is corrupt; rebuild it");
    }
    if ((e.getMode() & 0170000) != (f.statMode() & 0170000)) {
      throw PackageFormatException.of("file type differs from the header", pkg, path,
          "the package is corrupt; rebuild it");
    }
    long size = e.getSize();
    if (f.type() == FileType.SYMLINK) {
      if (size > 4096) {
        throw sizeDiffers(path, f.linkTarget().length());
      }
      String target = new String(cpio.readNBytes((int) size), StandardCharsets.UTF_8);
      if (!target.equals(f.linkTarget())) {
        throw PackageFormatException.of("symlink target differs from the header", pkg,
            path + " -> " + EntryChecker.printable(target), "the package is corrupt; rebuild it");
      }
      return new PayloadEntry(f, new ByteArrayInputStream(new byte[0]));
    }
    if (f.type() == FileType.DIRECTORY) {
      if (size != 0) {
        throw sizeDiffers(path, 0);
      }
      return new PayloadEntry(f, new ByteArrayInputStream(new byte[0]));
    }
    boolean carrier = size == f.size();
    if (f.hardlinkGroup() != 0 && size == 0 && f.size() != 0) {
      carrier = false;
    } else if (size != f.size()) {
      throw sizeDiffers(path, f.size());
    }
    if (carrier && f.hardlinkGroup() != 0 && f.size() != 0) {
      carriers.merge(f.hardlinkGroup(), 1, Integer::sum);
    }
    return new PayloadEntry(f, track(new VerifyingInput(cpio, carrier && verify ? f.digest() : "",
        size, pkg, path)));
  }

  private PackageFormatException sizeDiffers(String path, long expected) {
    return PackageFormatException.of("size differs from the header (" + expected + ")", pkg, path,
        "the package is corrupt; download it again");
  }

  @Override
  protected void endOfPayload() throws IOException {
    for (PackageFile f : files) {
      if (!seen.contains(f.path()) && !ghosts.contains(f.path())) {
        throw PackageFormatException.of("file missing from the payload", pkg, f.path(),
            "the package is truncated or corrupt; download it again");
      }
      if (f.hardlinkGroup() != 0 && f.size() != 0 && !f.linkTarget().isEmpty()
          && carriers.getOrDefault(f.hardlinkGroup(), 0) != 1) {
        throw PackageFormatException.of("hardlink set without exactly one data entry", pkg,
            f.path(), "the package is corrupt; rebuild it");
      }
    }
    if (digesting != null) {
      byte[] buf = new byte[65536];
      while (digesting.read(buf) >= 0) {
        // the rest of the compressed stream counts too
      }
      String got = HexFormat.of().formatHex(digesting.getMessageDigest().digest());
      String want = payloadDigest.substring(payloadDigest.indexOf(':') + 1);
      if (!got.equalsIgnoreCase(want)) {
        throw PackageFormatException.of("payload digest differs from the header", pkg, "payload",
            "the package is corrupt; download it again");
      }
    }
  }

  @Override
  public void close() throws IOException {
    decompressed.close();
  }
}
