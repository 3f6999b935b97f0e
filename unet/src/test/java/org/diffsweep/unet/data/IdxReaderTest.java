package org.diffsweep.unet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    /** Writes an unsigned-byte IDX file by hand, following the format description (independent of the reader). */
    static byte[] idx(int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bos);
        out.writeInt(0x00000800 | dims.length);
        for (int d : dims) out.writeInt(d);
        out.write(data);
        out.flush();
        return bos.toByteArray();
    }

    static void write(Path file, byte[] bytes, boolean gzip) throws IOException {
        try (OutputStream os = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            os.write(bytes);
        }
    }

    @Test
    void readsGzipAndPlainFilesWithUnsignedBytes(@TempDir Path dir) throws IOException {
        byte[] data = new byte[3 * 2 * 4];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 11 + 200); // values above 127 included
        byte[] file = idx(new int[] {3, 2, 4}, data);
        write(dir.resolve("a.gz"), file, true);
        write(dir.resolve("a"), file, false);
        for (String name : new String[] {"a.gz", "a"}) {
            IdxReader.IdxArray a = IdxReader.read(dir.resolve(name));
            assertArrayEquals(new int[] {3, 2, 4}, a.dims());
            assertEquals(3, a.count());
            assertEquals(8, a.itemSize());
            assertArrayEquals(data, a.data());
            assertEquals((200 + 11 * 5) & 0xff, a.data()[5] & 0xff);
        }
    }

    @Test
    void rejectsWrongMagicTypeAndTruncatedData() throws IOException {
        byte[] good = idx(new int[] {2}, new byte[] {1, 2});
        byte[] badType = good.clone();
        badType[2] = 0x0D; // float instead of unsigned byte
        assertThrows(IOException.class, () -> IdxReader.read(new ByteArrayInputStream(badType), "t"));
        byte[] badMagic = good.clone();
        badMagic[0] = 1;
        assertThrows(IOException.class, () -> IdxReader.read(new ByteArrayInputStream(badMagic), "t"));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
        assertThrows(IOException.class, () -> IdxReader.read(new ByteArrayInputStream(truncated), "t"));
    }

    @Test
    void datasetLoadsFourFilesAndPadsTo32WithTwoPixelBorder(@TempDir Path dir) throws IOException {
        int n = 3;
        byte[] img = new byte[n * 28 * 28];
        for (int i = 0; i < img.length; i++) img[i] = (byte) (i % 251);
        byte[] lab = {4, 0, 4};
        write(dir.resolve("train-images-idx3-ubyte.gz"), idx(new int[] {n, 28, 28}, img), true);
        write(dir.resolve("train-labels-idx1-ubyte.gz"), idx(new int[] {n}, lab), true);
        write(dir.resolve("t10k-images-idx3-ubyte.gz"), idx(new int[] {1, 28, 28}, new byte[784]), true);
        write(dir.resolve("t10k-labels-idx1-ubyte.gz"), idx(new int[] {1}, new byte[] {9}), true);
        FmnistDataset ds = FmnistDataset.load(dir);
        assertEquals(3, ds.size(true));
        assertEquals(1, ds.size(false));
        assertArrayEquals(new int[] {0, 2}, ds.indicesOfClass(true, 4));
        float[] p = ds.padded(true, new int[] {2, 1});
        assertEquals(2 * 1024, p.length);
        // Raw pixel (r, c) of image k lands at (r + 2, c + 2) of the 32x32 image, scaled by 1/255; the border is 0.
        for (int j = 0; j < 2; j++) {
            int k = j == 0 ? 2 : 1;
            for (int r = 0; r < 32; r++) {
                for (int c = 0; c < 32; c++) {
                    boolean inside = r >= 2 && r < 30 && c >= 2 && c < 30;
                    float want = inside ? (img[k * 784 + (r - 2) * 28 + (c - 2)] & 0xff) / 255f : 0f;
                    assertEquals(want, p[j * 1024 + r * 32 + c], 0f);
                }
            }
        }
    }
}
