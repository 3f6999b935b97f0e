package org.diffsweep.unet.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reader for the IDX format of (Fashion-)MNIST: big-endian magic {@code 0x0000 08 nd} (unsigned bytes, nd dimensions),
 * nd big-endian int32 dimension sizes, then the data in row-major order. Files ending in {@code .gz} are gunzipped.
 */
public final class IdxReader {
    private IdxReader() {}

    /** An IDX tensor of unsigned bytes: {@code dims} and the row-major data as {@code byte} (read with {@code & 0xff}). */
    public record IdxArray(int[] dims, byte[] data) {
        /** Number of items along the first dimension. */
        public int count() { return dims[0]; }

        /** Product of all dimensions but the first (28*28 for images, 1 for labels). */
        public int itemSize() {
            int s = 1;
            for (int i = 1; i < dims.length; i++) s *= dims[i];
            return s;
        }
    }

    /** Reads an unsigned-byte IDX file (gzip if the name ends with .gz). */
    public static IdxArray read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = new BufferedInputStream(raw, 1 << 16);
            if (file.getFileName().toString().endsWith(".gz")) in = new GZIPInputStream(in, 1 << 16);
            return read(in, file.toString());
        }
    }

    /** Reads an unsigned-byte IDX tensor from a stream (not closed); {@code what} names it in error messages. */
    public static IdxArray read(InputStream stream, String what) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        int magic = in.readInt();
        if ((magic >>> 16) != 0) throw new IOException(what + ": bad IDX magic 0x" + Integer.toHexString(magic));
        int type = (magic >>> 8) & 0xff;
        if (type != 0x08) throw new IOException(what + ": IDX type 0x" + Integer.toHexString(type)
                + " is not unsigned byte (0x08)");
        int nd = magic & 0xff;
        if (nd < 1 || nd > 4) throw new IOException(what + ": IDX rank " + nd + " outside 1..4");
        int[] dims = new int[nd];
        long total = 1;
        for (int i = 0; i < nd; i++) {
            dims[i] = in.readInt();
            if (dims[i] < 0) throw new IOException(what + ": negative dimension " + dims[i]);
            total *= dims[i];
        }
        if (total > Integer.MAX_VALUE - 8) throw new IOException(what + ": too large (" + total + " bytes)");
        byte[] data = new byte[(int) total];
        in.readFully(data);
        return new IdxArray(dims, data);
    }
}
