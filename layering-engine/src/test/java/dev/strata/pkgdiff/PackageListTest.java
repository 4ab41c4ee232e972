package dev.strata.pkgdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.pkgdb.PackageFormat;
import dev.strata.pkgdiff.PackageDiff.Type;
import dev.strata.pkgdiff.PackageList.Package;
import dev.strata.store.gvariant.GVariant;
import dev.strata.store.gvariant.Variant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PackageListTest {
  private static Package pkg(String name, int epoch, String version, String release, String arch) {
    return new Package(name, epoch, version, release, arch);
  }

  @Test
  void testPackageList_sortedByNameThenArch_inByteOrder() {
    PackageList l = new PackageList(PackageFormat.DEB, List.of(pkg("b", 0, "1", "", "amd64"),
        pkg("a", 0, "1", "", "i386"), pkg("B", 0, "1", "", "all"), pkg("a", 0, "1", "", "amd64")));
    assertEquals(List.of("B/all", "a/amd64", "a/i386", "b/amd64"),
        l.packages().stream().map(p -> p.name() + "/" + p.arch()).toList());
  }

  @Test
  void testMetadata_roundTripsThroughGVariantBytes() {
    PackageList l = new PackageList(PackageFormat.RPM, List.of(pkg("bash", 0, "5.2.26", "1.fc40", "x86_64"),
        pkg("shadow-utils", 2, "4.15.1", "2.fc40", "x86_64")));
    Variant v = l.toVariant();
    Object decoded = GVariant.decode(PackageList.TYPE, GVariant.encode(PackageList.TYPE, v.value()));
    assertEquals(List.of("shadow-utils", "2", "4.15.1", "2.fc40", "x86_64"), ((List<?>) decoded).get(1));
    PackageList back = PackageList.fromMetadata(Map.of(PackageList.METADATA_KEY, new Variant(PackageList.TYPE, decoded),
        PackageList.FORMAT_KEY, l.formatVariant())).orElseThrow();
    assertEquals(l, back);
    assertEquals("shadow-utils-2:4.15.1-2.fc40.x86_64", back.packages().get(1).nevra());
  }

  @Test
  void testFromMetadata_badEpoch_namesThePackage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PackageList.fromMetadata(Map.of(
        PackageList.METADATA_KEY, new Variant(PackageList.TYPE, List.of(List.of("zlib1g", "x", "1.2", "1", "amd64"))))));
    assertTrue(e.getMessage().contains("bad epoch 'x' for zlib1g"), e.getMessage());
  }

  @Test
  void testDiff_debianTildeAndEpoch_orderedByDpkgRules() {
    PackageList a = new PackageList(PackageFormat.DEB, List.of(pkg("x", 0, "1.0", "1", "amd64"),
        pkg("y", 1, "0.1", "1", "amd64"), pkg("z", 0, "2.0", "1", "all")));
    PackageList b = new PackageList(PackageFormat.DEB, List.of(pkg("x", 0, "1.0~rc1", "1", "amd64"),
        pkg("y", 0, "9.9", "1", "amd64"), pkg("z", 0, "2.0", "1", "all")));
    PackageDiff d = PackageDiff.between(a, b);
    assertEquals(List.of(Type.DOWNGRADED, Type.DOWNGRADED), d.changes().stream().map(PackageDiff.Change::type).toList());
    assertEquals("0 upgraded, 2 downgraded, 0 removed, 0 added", d.summary());
    assertEquals(PackageDiff.between(b, a).count(Type.UPGRADED), 2);
  }
}
