package dev.strata.pkg;

import dev.strata.fixtures.HostTools;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a feature-rich test RPM with the real {@code rpmbuild}. */
public final class TestRpms {
  private TestRpms() {}

  public static final String SPEC = """
      %define _binary_payload PAYLOAD
      %define __os_install_post %{nil}
      %define _build_id_links none
      Name: strata-test
      Version: 1.2
      Release: 3
      Epoch: 2
      Summary: A test package
      License: MIT
      BuildArch: noarch
      Requires: bash >= 4.0
      Requires(pre): coreutils
      Provides: strata-cap = 1.0
      Conflicts: old-thing < 2
      Obsoletes: older-thing <= 1.0
      Recommends: rec-thing
      Suggests: sug-thing > 3
      Supplements: sup-thing
      Enhances: enh-thing
      %description
      Line one.
      Line two.
      %install
      mkdir -p %{buildroot}/usr/bin %{buildroot}/etc %{buildroot}/usr/share/strata %{buildroot}/var/log
      printf '#!/bin/sh\\necho hi\\n' > %{buildroot}/usr/bin/strata-hello
      chmod 755 %{buildroot}/usr/bin/strata-hello
      echo conf > %{buildroot}/etc/strata.conf
      ln -s strata-hello %{buildroot}/usr/bin/strata-link
      head -c 3000 /dev/urandom > %{buildroot}/usr/share/strata/a
      ln %{buildroot}/usr/share/strata/a %{buildroot}/usr/share/strata/b
      touch %{buildroot}/var/log/strata.log
      %pre
      echo pre $1
      %post -p /bin/bash
      echo post $1
      %preun
      echo preun
      %postun
      echo postun
      %pretrans -p <lua>
      print("pretrans")
      %posttrans
      echo posttrans
      %triggerin -- bash >= 5
      echo trig
      %triggerpostun -p /bin/bash -- coreutils
      echo trig2
      %files
      %attr(4755,root,root) /usr/bin/strata-hello
      /usr/bin/strata-link
      %config(noreplace) /etc/strata.conf
      /usr/share/strata
      %ghost /var/log/strata.log
      """;

  /** Builds the spec with rpmbuild and returns the .rpm. */
  public static Path rpmbuild(Path tmp, String payload) throws Exception {
    HostTools.require("rpmbuild");
    Path specs = Files.createDirectories(tmp.resolve("SPECS"));
    Path spec = specs.resolve("t.spec");
    Files.writeString(spec, SPEC.replace("PAYLOAD", payload));
    HostTools.run("rpmbuild", "-bb", "--define", "_topdir " + tmp, "--dbpath",
        tmp.resolve("db").toString(), spec.toString()).ok();
    return tmp.resolve("RPMS/noarch/strata-test-1.2-3.noarch.rpm");
  }

}
