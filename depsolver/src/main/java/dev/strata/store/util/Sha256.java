package dev.strata.store.util;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Incremental SHA-256 for bulk content hashing. Uses the system's OpenSSL libcrypto (which uses the
 * CPU's SHA instructions at once) when it can be loaded, else {@link MessageDigest} (fast only once
 * C2 has compiled it). Not thread-safe; one instance per thread or per object.
 *
 * <p>It lives in the depsolver module, the lowest one, so that both the store and the depsolver's
 * index checks use it; its package is the store's utility package.
 */
public abstract class Sha256 {
  /** Loads and checks libcrypto on first need only. */
  private static final class Probe {
    static final boolean NATIVE = probe();
  }

  Sha256() {}

  /** @return a fresh hasher */
  public static Sha256 create() {
    return Probe.NATIVE ? new OpenSsl() : new Jdk();
  }

  /**
   * A hasher for about {@code size} bytes: below 1 MiB the JDK's digest, which is ready at once,
   * while libcrypto first has to be loaded (about 10 ms) and only pays off on larger inputs.
   *
   * @return a fresh hasher
   */
  public static Sha256 create(long size) {
    return size < (1 << 20) ? new Jdk() : create();
  }

  /** @return true when libcrypto is in use */
  public static boolean isNative() {
    return Probe.NATIVE;
  }

  /** Adds {@code len} bytes of {@code b} starting at 0. */
  public abstract void update(byte[] b, int len);

  /** Adds all of {@code b}. */
  public void update(byte[] b) {
    update(b, b.length);
  }

  /** @return the 32-byte digest; the hasher cannot be used afterwards */
  public abstract byte[] digest();

  private static boolean probe() {
    if (Boolean.getBoolean("strata.sha256.jdk")) {
      return false;
    }
    try {
      OpenSsl s = new OpenSsl();
      s.update("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 3);
      byte[] d = s.digest();
      return java.util.HexFormat.of().formatHex(d)
          .equals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    } catch (Throwable t) {
      return false;
    }
  }

  private static final class Jdk extends Sha256 {
    private final MessageDigest md;

    Jdk() {
      try {
        md = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void update(byte[] b, int len) {
      md.update(b, 0, len);
    }

    @Override
    public byte[] digest() {
      return md.digest();
    }
  }

  private static final class OpenSsl extends Sha256 {
    private Pointer ctx;

    OpenSsl() {
      ctx = Lib.EVP_MD_CTX_new();
      if (ctx == null || Lib.EVP_DigestInit_ex(ctx, Lib.EVP_sha256(), null) != 1) {
        throw new IllegalStateException("EVP_DigestInit_ex failed");
      }
    }

    @Override
    public void update(byte[] b, int len) {
      if (len > 0 && Lib.EVP_DigestUpdate(ctx, b, len) != 1) {
        throw new IllegalStateException("EVP_DigestUpdate failed");
      }
    }

    @Override
    public byte[] digest() {
      byte[] out = new byte[32];
      int[] n = new int[1];
      try {
        if (Lib.EVP_DigestFinal_ex(ctx, out, n) != 1 || n[0] != 32) {
          throw new IllegalStateException("EVP_DigestFinal_ex failed");
        }
      } finally {
        Lib.EVP_MD_CTX_free(ctx);
        ctx = null;
      }
      return out;
    }
  }

  /** libcrypto entry points (direct mapping). */
  private static final class Lib {
    static {
      NativeLibraryPath.set();
      Native.register("crypto");
    }

    static native Pointer EVP_MD_CTX_new();

    static native void EVP_MD_CTX_free(Pointer ctx);

    static native Pointer EVP_sha256();

    static native int EVP_DigestInit_ex(Pointer ctx, Pointer type, Pointer engine);

    static native int EVP_DigestUpdate(Pointer ctx, byte[] data, long len);

    static native int EVP_DigestFinal_ex(Pointer ctx, byte[] md, int[] len);
  }
}
