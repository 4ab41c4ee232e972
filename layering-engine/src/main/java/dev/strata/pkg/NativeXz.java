package dev.strata.pkg;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.InputStream;

/**
 * An .xz decoder on the system's liblzma (through JNA), about twice as fast as the pure-Java one.
 * {@link #open} returns null when liblzma cannot be loaded, and callers fall back to
 * {@code org.tukaani.xz}.
 */
final class NativeXz extends InputStream {
  /** The liblzma entry points used. */
  interface LibLzma extends Library {
    int lzma_stream_decoder(Pointer strm, long memlimit, int flags);

    int lzma_code(Pointer strm, int action);

    void lzma_end(Pointer strm);
  }

  private static final int BUF = 1 << 16;
  private static final int LZMA_OK = 0;
  private static final int LZMA_STREAM_END = 1;
  private static final int LZMA_RUN = 0;
  private static final int LZMA_FINISH = 3;
  private static final LibLzma LIB = load();

  private static LibLzma load() {
    if (Boolean.getBoolean("strata.pkg.pureJavaXz")) {
      return null;
    }
    dev.strata.store.util.NativeLibraryPath.set();
    for (String name : new String[] {"lzma", "liblzma.so.5"}) {
      try {
        return Native.load(name, LibLzma.class);
      } catch (Throwable e) {
        // try the next name, then fall back to the Java decoder
      }
    }
    return null;
  }

  private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();
  private final InputStream in;
  private final Memory strm = new Memory(256);
  private final java.lang.ref.Cleaner.Cleanable cleanable;
  private final Memory inBuf = new Memory(BUF);
  private final Memory outBuf = new Memory(BUF);
  private final byte[] inArr = new byte[BUF];
  private final byte[] outArr = new byte[BUF];
  private int outPos;
  private int outLen;
  private boolean inEof;
  private boolean end;
  private boolean closed;

  private NativeXz(InputStream in, long memlimit) throws IOException {
    this.in = in;
    strm.clear();
    int rc = LIB.lzma_stream_decoder(strm, memlimit, 0);
    if (rc != LZMA_OK) {
      cleanable = null;
      throw new IOException("liblzma decoder init failed (" + rc + ")");
    }
    cleanable = CLEANER.register(this, new End(strm));
  }

  /** Frees the decoder state once, on close or when the stream becomes unreachable. */
  private static final class End implements Runnable {
    private final Memory strm;
    private boolean done;

    End(Memory strm) {
      this.strm = strm;
    }

    @Override
    public synchronized void run() {
      if (!done) {
        done = true;
        LIB.lzma_end(strm);
      }
    }
  }

  /**
   * @param in the compressed stream
   * @param memlimitBytes the decoder memory limit
   * @return a decoder, or null when liblzma is unavailable
   */
  static InputStream open(InputStream in, long memlimitBytes) throws IOException {
    return LIB == null ? null : new NativeXz(in, memlimitBytes);
  }

  @Override
  public int read() throws IOException {
    byte[] b = new byte[1];
    int n = read(b, 0, 1);
    return n < 0 ? -1 : b[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (outPos == outLen) {
      if (end) {
        return -1;
      }
      fill();
    }
    int n = Math.min(len, outLen - outPos);
    System.arraycopy(outArr, outPos, b, off, n);
    outPos += n;
    return n;
  }

  private void fill() throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    strm.setPointer(24, outBuf);
    strm.setLong(32, BUF);
    while (true) {
      if (strm.getLong(8) == 0 && !inEof) {
        int n = in.read(inArr, 0, BUF);
        if (n < 0) {
          inEof = true;
          n = 0;
        } else {
          inBuf.write(0, inArr, 0, n);
        }
        strm.setPointer(0, inBuf);
        strm.setLong(8, n);
      }
      int rc = LIB.lzma_code(strm, inEof ? LZMA_FINISH : LZMA_RUN);
      int produced = (int) (BUF - strm.getLong(32));
      if (rc == LZMA_STREAM_END) {
        end = true;
      } else if (rc != LZMA_OK) {
        throw new IOException(rc == 6 ? "xz memory limit exceeded"
            : rc == 10 ? "truncated xz stream" : "corrupt xz stream (liblzma error " + rc + ")");
      }
      if (produced > 0 || end) {
        outBuf.read(0, outArr, 0, produced);
        outPos = 0;
        outLen = produced;
        return;
      }
      if (inEof && strm.getLong(8) == 0) {
        throw new IOException("truncated xz stream");
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      cleanable.clean();
      in.close();
    }
  }
}
