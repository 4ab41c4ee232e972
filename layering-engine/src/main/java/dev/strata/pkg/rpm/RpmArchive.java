package dev.strata.pkg.rpm;

import dev.strata.depsolve.model.Op;
import static dev.strata.pkg.rpm.RpmTags.*;

import dev.strata.pkg.Compression;
import dev.strata.pkg.PackageArchive;
import dev.strata.pkg.PackageFile;
import dev.strata.pkg.PackageFormat;
import dev.strata.pkg.PackageFormatException;
import dev.strata.pkg.PackageHeader;
import dev.strata.pkg.PackageVersion;
import dev.strata.pkg.PayloadStream;
import dev.strata.pkg.Relation;
import dev.strata.pkg.RelationKind;
import dev.strata.pkg.Script;
import dev.strata.pkg.ScriptKind;
import dev.strata.pkg.Trigger;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redline_rpm.ReadableChannelWrapper;
import org.redline_rpm.Scanner;
import org.redline_rpm.header.Format;

/**
 * An RPM package: lead, signature header and main header (checked structurally, then parsed with
 * redline's {@link Scanner}), and a cpio (newc) payload compressed with gzip, bzip2, xz, lzma or
 * zstd. The signature's header digest and size are checked on open; file sizes and digests and the
 * payload digest while the payload is read. Not thread-safe.
 */
public final class RpmArchive extends PackageArchive {
  private final String pkg;
  private final InputStream in;
  private final long payloadSize;
  private final PackageHeader header;
  private final List<PackageFile> files;
  private final java.util.Set<String> ghosts;
  private final String payloadDigest;
  private final RpmSignature signature;
  private boolean payloadOpened;

  private RpmArchive(String pkg, InputStream in, long payloadSize, PackageHeader header,
      List<PackageFile> files, java.util.Set<String> ghosts, String payloadDigest,
      RpmSignature signature) {
    this.signature = signature;
    this.ghosts = ghosts;
    this.pkg = pkg;
    this.in = in;
    this.payloadSize = payloadSize;
    this.header = header;
    this.files = files;
    this.payloadDigest = payloadDigest;
  }

  /**
   * Opens an RPM and reads its headers.
   *
   * @param path the .rpm file
   * @return the open archive
   * @throws PackageFormatException when it is malformed or unsafe
   * @throws IOException when it cannot be read
   */
  public static RpmArchive open(Path path) throws IOException {
    String pkg = path.getFileName().toString();
    long size = Files.size(path);
    InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
    try {
      byte[] lead = in.readNBytes(96);
      if (lead.length < 96) {
        throw PackageFormatException.of("truncated archive", pkg, "lead",
            "the file ends early; download it again");
      }
      if ((lead[0] & 0xff) != 0xed || (lead[1] & 0xff) != 0xab || (lead[2] & 0xff) != 0xee
          || (lead[3] & 0xff) != 0xdb) {
        throw PackageFormatException.of("not an RPM package", pkg, "lead", "give a .rpm file");
      }
      byte[] sig = HeaderBlock.read(in, size - 96, true, pkg, "signature header");
      long pos = 96 + HeaderBlock.consumed(sig, true);
      byte[] hdr = HeaderBlock.read(in, size - pos, false, pkg, "header");
      long headerStart = pos;
      pos += hdr.length;
      Format format = scan(lead, sig, hdr, pkg);
      Tags s = new Tags(format.getSignature(), pkg, "signature header");
      Tags h = new Tags(format.getHeader(), pkg, "header");
      checkSignature(s, hdr, size - headerStart, pkg);
      RpmHeaderModel model = new RpmHeaderModel(h, pkg);
      PackageHeader header = model.header();
      List<PackageFile> files = model.files();
      java.util.Set<String> ghosts = RpmFileList.ghosts(h, files);
      String payloadDigest = "";
      String[] pd = h.strings(PAYLOADDIGEST);
      if (pd.length > 0) {
        long[] algo = h.longs(PAYLOADDIGESTALGO);
        String name = digestAlgo(algo.length == 0 ? 8 : algo[0]);
        if (name != null) {
          payloadDigest = name + ":" + pd[0];
        }
      }
      return new RpmArchive(pkg, in, size - pos, header, files, ghosts, payloadDigest,
          RpmSignature.of(s, headerStart, hdr.length, size - headerStart));
    } catch (PackageFormatException e) {
      in.close();
      throw e;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw PackageFormatException.of("unreadable header (" + Compression.oneLine(e) + ")", pkg,
          "header", "the package is corrupt; download it again");
    }
  }

  private static Format scan(byte[] lead, byte[] sig, byte[] hdr, String pkg)
      throws PackageFormatException {
    ByteArrayOutputStream all = new ByteArrayOutputStream(96 + sig.length + 8 + hdr.length);
    all.writeBytes(lead);
    all.writeBytes(sig);
    all.writeBytes(new byte[(int) (HeaderBlock.consumed(sig, true) - sig.length)]);
    all.writeBytes(hdr);
    try {
      return new Scanner(new PrintStream(OutputStream.nullOutputStream())).run(
          new ReadableChannelWrapper(Channels.newChannel(new ByteArrayInputStream(all.toByteArray()))));
    } catch (IOException | RuntimeException e) {
      throw PackageFormatException.of("unreadable header (" + Compression.oneLine(e) + ")", pkg,
          "header", "the package is corrupt; download it again");
    }
  }

  private static void checkSignature(Tags s, byte[] hdr, long headerAndPayload, String pkg)
      throws PackageFormatException {
    long[] sz = s.longs(SIG_LONGSIZE);
    if (sz.length == 0) {
      sz = s.unsigned32(SIG_SIZE);
    }
    if (sz.length > 0 && sz[0] != headerAndPayload) {
      throw PackageFormatException.of(sz[0] > headerAndPayload ? "truncated archive"
              : "size differs from the signature header (" + sz[0] + " bytes expected, "
                  + headerAndPayload + " found)", pkg, "header+payload",
          "the file is truncated or corrupt; download it again");
    }
    String algo = s.has(SIG_SHA256) ? "SHA-256" : s.has(SIG_SHA1) ? "SHA-1" : null;
    if (algo != null) {
      String want = s.string(algo.equals("SHA-256") ? SIG_SHA256 : SIG_SHA1);
      String got;
      try {
        got = HexFormat.of().formatHex(MessageDigest.getInstance(algo).digest(hdr));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      if (!got.equalsIgnoreCase(want)) {
        throw PackageFormatException.of("header digest differs from the signature header", pkg,
            "header", "the package is corrupt; download it again");
      }
    }
  }

  /**
   * The OpenPGP signature of the signature header: the header signature (RSAHEADER or DSAHEADER,
   * over the main header, whose digests cover the payload) when there is one, else the legacy
   * header+payload signature (PGP or GPG).
   *
   * @return the signature, or empty when the package is not signed
   */
  public java.util.Optional<RpmSignature> signature() {
    return java.util.Optional.ofNullable(signature);
  }

  @Override
  public PackageFormat format() {
    return PackageFormat.RPM;
  }

  @Override
  public PackageHeader header() {
    return header;
  }

  /** @return the files as the header lists them (ghost files included), in header order */
  public List<PackageFile> headerFiles() {
    return files;
  }

  @Override
  public PayloadStream payload() throws IOException {
    if (payloadOpened) {
      throw new IllegalStateException("payload already opened");
    }
    payloadOpened = true;
    return new RpmPayload(pkg, in, payloadSize, header.payloadCompression(), files,
        ghosts, verifyContent ? payloadDigest : "", verifyContent);
  }

  @Override
  protected List<PackageFile> readFiles() throws IOException {
    try (PayloadStream p = payload()) {
      while (p.next() != null) {
        // RpmPayload checks each entry against the header
      }
    }
    return files;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Builds the model from the main header's tags. */
  static final class RpmHeaderModel {
    private final Tags h;
    private final String pkg;

    RpmHeaderModel(Tags h, String pkg) {
      this.h = h;
      this.pkg = pkg;
    }

    PackageHeader header() throws PackageFormatException {
      String name = h.string(NAME);
      if (name.isEmpty() || h.string(VERSION).isEmpty()) {
        throw h.bad("missing name or version", "header");
      }
      long[] epoch = h.unsigned32(EPOCH);
      PackageVersion v = new PackageVersion(epoch.length == 0 ? "" : Long.toString(epoch[0]),
          h.string(VERSION), h.string(RELEASE));
      Map<String, String> fields = new LinkedHashMap<>();
      putField(fields, "Summary", SUMMARY);
      putField(fields, "Description", DESCRIPTION);
      putField(fields, "License", LICENSE);
      putField(fields, "Group", GROUP);
      putField(fields, "URL", URL);
      putField(fields, "Vendor", VENDOR);
      putField(fields, "Packager", PACKAGER);
      putField(fields, "BuildHost", BUILDHOST);
      putField(fields, "SourceRPM", SOURCERPM);
      putField(fields, "OS", OS);
      long[] bt = h.unsigned32(BUILDTIME);
      if (bt.length > 0) {
        fields.put("BuildTime", Long.toString(bt[0]));
      }
      long[] isz = h.unsigned32(SIZE);
      if (isz.length > 0) {
        fields.put("Size", Long.toString(isz[0]));
      }
      Map<RelationKind, List<Relation>> rel = new EnumMap<>(RelationKind.class);
      relations(rel, RelationKind.REQUIRES, REQUIRENAME, REQUIREFLAGS, REQUIREVERSION);
      relations(rel, RelationKind.PROVIDES, PROVIDENAME, PROVIDEFLAGS, PROVIDEVERSION);
      relations(rel, RelationKind.CONFLICTS, CONFLICTNAME, CONFLICTFLAGS, CONFLICTVERSION);
      relations(rel, RelationKind.OBSOLETES, OBSOLETENAME, OBSOLETEFLAGS, OBSOLETEVERSION);
      relations(rel, RelationKind.RECOMMENDS, RECOMMENDNAME, RECOMMENDFLAGS, RECOMMENDVERSION);
      relations(rel, RelationKind.SUGGESTS, SUGGESTNAME, SUGGESTFLAGS, SUGGESTVERSION);
      relations(rel, RelationKind.SUPPLEMENTS, SUPPLEMENTNAME, SUPPLEMENTFLAGS, SUPPLEMENTVERSION);
      relations(rel, RelationKind.ENHANCES, ENHANCENAME, ENHANCEFLAGS, ENHANCEVERSION);
      List<Script> scripts = new ArrayList<>();
      script(scripts, ScriptKind.PRETRANS, PRETRANS, PRETRANSPROG);
      script(scripts, ScriptKind.PRE_INSTALL, PREIN, PREINPROG);
      script(scripts, ScriptKind.POST_INSTALL, POSTIN, POSTINPROG);
      script(scripts, ScriptKind.PRE_REMOVE, PREUN, PREUNPROG);
      script(scripts, ScriptKind.POST_REMOVE, POSTUN, POSTUNPROG);
      script(scripts, ScriptKind.POSTTRANS, POSTTRANS, POSTTRANSPROG);
      script(scripts, ScriptKind.VERIFY, VERIFYSCRIPT, VERIFYSCRIPTPROG);
      String compressor = h.has(PAYLOADCOMPRESSOR) ? h.string(PAYLOADCOMPRESSOR) : "gzip";
      if (!Compression.isKnown(compressor) || compressor.equals("none")) {
        throw PackageFormatException.of("unknown compressor '"
            + dev.strata.pkg.EntryChecker.printable(compressor) + "'", pkg, "header PAYLOADCOMPRESSOR",
            "use a package compressed with gzip, bzip2, xz, lzma or zstd");
      }
      String fmt = h.has(PAYLOADFORMAT) ? h.string(PAYLOADFORMAT) : "cpio";
      if (!fmt.equals("cpio")) {
        throw PackageFormatException.of("unsupported payload format '"
            + dev.strata.pkg.EntryChecker.printable(fmt) + "'", pkg, "header PAYLOADFORMAT",
            "use a package with a cpio payload");
      }
      return new PackageHeader(PackageFormat.RPM, name, v, h.string(ARCH), fields, rel, scripts,
          triggers(), RpmFileList.configFiles(h), compressor);
    }

    List<PackageFile> files() throws PackageFormatException {
      return RpmFileList.read(h, pkg);
    }

    private void putField(Map<String, String> fields, String key, int tag)
        throws PackageFormatException {
      if (h.has(tag)) {
        fields.put(key, h.string(tag));
      }
    }

    private void relations(Map<RelationKind, List<Relation>> out, RelationKind kind, int nameTag,
        int flagsTag, int versionTag) throws PackageFormatException {
      String[] names = h.strings(nameTag);
      if (names.length == 0) {
        return;
      }
      long[] flags = h.longs(flagsTag);
      String[] versions = h.strings(versionTag);
      if ((flags.length != 0 && flags.length != names.length)
          || (versions.length != 0 && versions.length != names.length)) {
        throw h.bad("relation tags of different lengths", "header tag " + nameTag);
      }
      List<Relation> list = new ArrayList<>();
      for (int i = 0; i < names.length; i++) {
        int f = flags.length == 0 ? 0 : (int) flags[i];
        String ver = versions.length == 0 ? "" : versions[i];
        list.add(Relation.of(names[i], op(f, ver), ver, f));
      }
      out.put(kind, list);
    }

    static Op op(int f, String version) {
      int cmp = f & (SENSE_LESS | SENSE_GREATER | SENSE_EQUAL);
      if (version.isEmpty() && cmp == 0) {
        return Op.ANY;
      }
      return switch (cmp) {
        case SENSE_LESS -> Op.LT;
        case SENSE_LESS | SENSE_EQUAL -> Op.LE;
        case SENSE_EQUAL -> Op.EQ;
        case SENSE_GREATER | SENSE_EQUAL -> Op.GE;
        case SENSE_GREATER -> Op.GT;
        default -> Op.ANY;
      };
    }

    private void script(List<Script> out, ScriptKind kind, int bodyTag, int progTag)
        throws PackageFormatException {
      String[] prog = h.strings(progTag);
      if (!h.has(bodyTag) && prog.length == 0) {
        return;
      }
      out.add(new Script(kind, List.of(prog), h.string(bodyTag)));
    }

    private List<Trigger> triggers() throws PackageFormatException {
      String[] names = h.strings(TRIGGERNAME);
      List<Trigger> out = new ArrayList<>();
      if (names.length == 0) {
        return out;
      }
      long[] flags = h.longs(TRIGGERFLAGS);
      String[] versions = h.strings(TRIGGERVERSION);
      long[] index = h.longs(TRIGGERINDEX);
      String[] scripts = h.strings(TRIGGERSCRIPTS);
      String[] progs = h.strings(TRIGGERSCRIPTPROG);
      if (flags.length != names.length || versions.length != names.length
          || index.length != names.length) {
        throw h.bad("trigger tags of different lengths", "header tag " + TRIGGERNAME);
      }
      for (int i = 0; i < names.length; i++) {
        int f = (int) flags[i];
        String kind = (f & SENSE_TRIGGERPREIN) != 0 ? "triggerprein"
            : (f & SENSE_TRIGGERIN) != 0 ? "triggerin"
            : (f & SENSE_TRIGGERUN) != 0 ? "triggerun"
            : (f & SENSE_TRIGGERPOSTUN) != 0 ? "triggerpostun" : "trigger";
        int ix = (int) index[i];
        if (ix < 0 || ix >= scripts.length) {
          throw h.bad("trigger index out of range", "header tag " + TRIGGERINDEX);
        }
        List<String> prog = ix < progs.length ? List.of(progs[ix]) : List.of();
        out.add(new Trigger(kind, names[i], op(f, versions[i]), versions[i], prog, scripts[ix]));
      }
      return out;
    }
  }
}
