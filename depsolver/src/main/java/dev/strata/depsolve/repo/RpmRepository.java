package dev.strata.depsolve.repo;

import dev.strata.depsolve.model.Dependency;
import dev.strata.depsolve.model.Op;
import dev.strata.depsolve.model.Package;
import dev.strata.depsolve.model.Relation;
import dev.strata.depsolve.version.Evr;
import dev.strata.depsolve.version.VersionScheme;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Loads an rpm-md repository: {@code repodata/repomd.xml}, then {@code primary} and, when asked,
 * {@code filelists} ({@code .gz}, {@code .xz}, {@code .zst} or plain), each checked against the
 * checksum repomd.xml lists. With {@code repo_gpgcheck=1} repomd.xml's detached signature
 * ({@code repomd.xml.asc}) is checked against the source's keys.
 */
final class RpmRepository {
  private final Fetcher fetcher;
  private final PackageCache cache;
  private final Instant now;

  RpmRepository(Fetcher fetcher, PackageCache cache, Instant now) {
    this.fetcher = fetcher;
    this.cache = cache;
    this.now = now;
  }

  private record Data(String href, String checksum, String type) {}

  List<Package> load(Source src, boolean withFilelists) throws RepositoryException {
    String what = src.uri() + "repodata/repomd.xml";
    byte[] repomd = fetcher.fetch(src.uri(), "repodata/repomd.xml");
    if (repomd == null) {
      throw new RepositoryException(what + " does not exist; check the baseurl of [" + src.id() + "]");
    }
    if (src.checkSignature()) {
      byte[] sig = fetcher.fetch(src.uri(), "repodata/repomd.xml.asc");
      if (sig == null) {
        throw new RepositoryException(what + " is not signed (no repomd.xml.asc) but [" + src.id()
            + "] has repo_gpgcheck=1; sign the repository or set repo_gpgcheck=0");
      }
      ClearSigned.verifyDetached(repomd, sig, src.keyrings(), now, what);
    }
    Map<String, Data> data = parseRepomd(repomd, what);
    Data primary = data.get("primary");
    if (primary == null) {
      throw new RepositoryException(what + " lists no primary metadata; regenerate the repository"
          + " with createrepo_c");
    }
    String key = primary.checksum() + (withFilelists && data.containsKey("filelists")
        ? "-" + data.get("filelists").checksum() : "");
    List<Package> cached = cache.load(key, src.id());
    if (cached != null) {
      return cached;
    }
    List<Package> pkgs = parsePrimary(fetchChecked(src, primary), src.id(), src.uri() + primary.href());
    if (withFilelists && data.containsKey("filelists")) {
      Data fl = data.get("filelists");
      pkgs = addFiles(pkgs, fetchChecked(src, fl), src.uri() + fl.href());
    }
    cache.store(key, pkgs);
    return pkgs;
  }

  private byte[] fetchChecked(Source src, Data d) throws RepositoryException {
    String what = src.uri() + d.href();
    byte[] raw = fetcher.fetch(src.uri(), d.href());
    if (raw == null) {
      throw new RepositoryException(what + " (listed in repomd.xml) does not exist; the repository"
          + " is incomplete, regenerate it");
    }
    if (!"sha256".equals(d.type())) {
      throw new RepositoryException(what + ": checksum type " + d.type() + " is not supported;"
          + " regenerate the repository with sha256");
    }
    String got = Hashes.sha256(raw);
    if (!got.equals(d.checksum())) {
      throw new RepositoryException(what + ": SHA256 " + got + " does not match " + d.checksum()
          + " listed in repomd.xml; the repository is inconsistent or the file is corrupt");
    }
    return Decompress.bySuffix(d.href(), raw);
  }

  private static XMLStreamReader reader(byte[] xml) throws XMLStreamException {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return f.createXMLStreamReader(new ByteArrayInputStream(xml));
  }

  private static Map<String, Data> parseRepomd(byte[] xml, String what) throws RepositoryException {
    Map<String, Data> out = new HashMap<>();
    try {
      XMLStreamReader r = reader(xml);
      String type = null;
      String href = null;
      String sum = null;
      String sumType = null;
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          switch (r.getLocalName()) {
            case "data": type = r.getAttributeValue(null, "type"); href = null; sum = null; break;
            case "location": href = r.getAttributeValue(null, "href"); break;
            case "checksum":
              sumType = r.getAttributeValue(null, "type");
              sum = r.getElementText().trim();
              break;
            default: break;
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("data")) {
          if (type != null && href != null && sum != null) {
            out.put(type, new Data(href, sum.toLowerCase(java.util.Locale.ROOT), sumType));
          }
          type = null;
        }
      }
    } catch (XMLStreamException e) {
      throw new RepositoryException(what + " is not valid XML (" + e.getMessage().replace('\n', ' ')
          + "); the file is corrupt, fetch it again");
    }
    return out;
  }

  static List<Package> parsePrimary(byte[] xml, String repoId, String what)
      throws RepositoryException {
    Interner in = new Interner();
    List<Package> out = new ArrayList<>();
    try {
      XMLStreamReader r = reader(xml);
      String name = null;
      String arch = null;
      Evr evr = null;
      String href = null;
      String sum = null;
      long size = 0;
      Map<String, List<Dependency>> deps = new HashMap<>();
      List<String> files = new ArrayList<>();
      String section = null;
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          String ln = r.getLocalName();
          switch (ln) {
            case "package":
              name = null; arch = null; evr = null; href = null; sum = null; size = 0;
              deps.clear();
              files.clear();
              break;
            case "name": if (name == null) { name = in.intern(r.getElementText().trim()); } break;
            case "arch": arch = in.intern(r.getElementText().trim()); break;
            case "version": if (section == null) { evr = evrOf(r); } break;
            case "checksum": sum = r.getElementText().trim(); break;
            case "size": size = parseLong(r.getAttributeValue(null, "package")); break;
            case "location": href = r.getAttributeValue(null, "href"); break;
            case "provides": case "requires": case "conflicts": case "obsoletes":
            case "recommends":
              if ("rpm".equals(r.getPrefix()) || r.getNamespaceURI() != null
                  && r.getNamespaceURI().contains("rpm")) {
                section = ln;
              }
              break;
            case "entry":
              if (section != null) {
                Dependency d = entry(r, in);
                if (d != null) {
                  deps.computeIfAbsent(section, k -> new ArrayList<>()).add(d);
                }
              }
              break;
            case "file": files.add(in.intern(r.getElementText().trim())); break;
            default: break;
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          String ln = r.getLocalName();
          if (ln.equals(section)) {
            section = null;
          } else if (ln.equals("package")) {
            if (name == null || evr == null || arch == null) {
              throw new RepositoryException(what + ": a package lacks name, version or arch;"
                  + " the file is corrupt, regenerate the repository");
            }
            List<Relation> prov = new ArrayList<>();
            for (Dependency d : deps.getOrDefault("provides", List.of())) {
              if (d instanceof Relation rel) {
                prov.add(rel);
              }
            }
            out.add(Package.builder(VersionScheme.RPM, name, evr, arch)
                .requires(deps.getOrDefault("requires", List.of()))
                .recommends(deps.getOrDefault("recommends", List.of()))
                .conflicts(deps.getOrDefault("conflicts", List.of()))
                .obsoletes(deps.getOrDefault("obsoletes", List.of()))
                .provides(prov).files(files).repository(repoId)
                .location(href, size, sum).build());
          }
        }
      }
    } catch (XMLStreamException | IllegalArgumentException e) {
      throw new RepositoryException(what + " cannot be parsed (" + e.getMessage().replace('\n', ' ')
          + "); the file is corrupt, regenerate the repository");
    }
    return out;
  }

  private static long parseLong(String s) {
    try {
      return s == null ? 0 : Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Evr evrOf(XMLStreamReader r) {
    String e = r.getAttributeValue(null, "epoch");
    String v = r.getAttributeValue(null, "ver");
    String rel = r.getAttributeValue(null, "rel");
    return new Evr(e == null || e.isEmpty() ? 0 : Integer.parseInt(e), v, rel);
  }

  private static Dependency entry(XMLStreamReader r, Interner in) {
    String name = r.getAttributeValue(null, "name");
    if (name.startsWith("rpmlib(")) {
      return null; // met by rpm itself
    }
    if (name.startsWith("(")) {
      return RichDeps.parse(name);
    }
    String flags = r.getAttributeValue(null, "flags");
    if (flags == null) {
      return Relation.of(in.intern(name));
    }
    Op op;
    switch (flags) {
      case "EQ": op = Op.EQ; break;
      case "LT": op = Op.LT; break;
      case "LE": op = Op.LE; break;
      case "GT": op = Op.GT; break;
      case "GE": op = Op.GE; break;
      default: throw new IllegalArgumentException("bad flags '" + flags + "' on " + name);
    }
    return new Relation(in.intern(name), op, evrOf(r), null);
  }

  private static List<Package> addFiles(List<Package> pkgs, byte[] xml, String what)
      throws RepositoryException {
    Map<String, List<String>> files = new HashMap<>();
    try {
      XMLStreamReader r = reader(xml);
      String key = null;
      String name = null;
      String arch = null;
      List<String> cur = null;
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          switch (r.getLocalName()) {
            case "package":
              name = r.getAttributeValue(null, "name");
              arch = r.getAttributeValue(null, "arch");
              cur = new ArrayList<>();
              break;
            case "version": key = name + " " + evrOf(r) + " " + arch; break;
            case "file": cur.add(r.getElementText().trim()); break;
            default: break;
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("package")) {
          files.put(key, cur);
        }
      }
    } catch (XMLStreamException e) {
      throw new RepositoryException(what + " cannot be parsed (" + e.getMessage().replace('\n', ' ')
          + "); the file is corrupt, regenerate the repository");
    }
    List<Package> out = new ArrayList<>(pkgs.size());
    for (Package p : pkgs) {
      List<String> f = files.get(p.name() + " " + p.evr() + " " + p.arch());
      if (f == null) {
        out.add(p);
      } else {
        out.add(new Package(p.scheme(), p.name(), p.evr(), p.arch(), p.multiArch(), p.essential(),
            p.priority(), p.requires(), p.preDepends(), p.recommends(), p.conflicts(), p.breaks(),
            p.obsoletes(), p.provides(), List.copyOf(f), p.repository(), p.location(), p.size(),
            p.sha256()));
      }
    }
    return out;
  }
}
