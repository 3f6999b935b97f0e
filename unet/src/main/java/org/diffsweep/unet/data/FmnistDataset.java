package org.diffsweep.unet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The Fashion-MNIST training and test splits as raw 28x28 unsigned-byte images plus labels (theory §9.3).
 *
 * <p>Images are kept as bytes; {@link #padded(boolean, int[])} converts selected images to the model's input space:
 * zero-padded by 2 pixels on every side to 32x32 (d = {@link #D} = 1024) and scaled to [0, 1] (pixel / 255).
 * Centring by the training mean is done by the experiment, because the mean is that of the training subset.
 */
public final class FmnistDataset {
    /** Side of the raw images. */
    public static final int RAW = 28;
    /** Side after padding. */
    public static final int SIDE = 32;
    /** Dimension after padding, d = 32 * 32. */
    public static final int D = SIDE * SIDE;
    /** Number of classes. */
    public static final int CLASSES = 10;
    /** Class names in label order. */
    public static final String[] NAMES = {"T-shirt", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
    /** Default location: Debian package {@code dataset-fashion-mnist}. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private final byte[] trainImages;
    private final byte[] trainLabels;
    private final byte[] testImages;
    private final byte[] testLabels;

    private FmnistDataset(byte[] trainImages, byte[] trainLabels, byte[] testImages, byte[] testLabels) {
        this.trainImages = trainImages;
        this.trainLabels = trainLabels;
        this.testImages = testImages;
        this.testLabels = testLabels;
    }

    /** Builds a dataset from raw arrays (28x28 bytes per image, row-major); used by tests and {@link #load}. */
    public static FmnistDataset of(byte[] trainImages, byte[] trainLabels, byte[] testImages, byte[] testLabels) {
        check(trainImages, trainLabels, "train");
        check(testImages, testLabels, "test");
        return new FmnistDataset(trainImages, trainLabels, testImages, testLabels);
    }

    private static void check(byte[] images, byte[] labels, String what) {
        if (images.length != labels.length * RAW * RAW) throw new IllegalArgumentException(what + ": "
                + images.length + " image bytes for " + labels.length + " labels (need 784 per label)");
        for (byte b : labels) {
            if (b < 0 || b >= CLASSES) throw new IllegalArgumentException(what + ": label " + b + " outside 0..9");
        }
    }

    /** Directory from {@code -Ddiffsweep.fmnist.dir}, else env {@code FMNIST_DIR}, else {@link #DEFAULT_DIR}. */
    public static Path defaultDir() {
        String p = System.getProperty("diffsweep.fmnist.dir");
        if (p == null || p.isBlank()) p = System.getenv("FMNIST_DIR");
        return (p == null || p.isBlank()) ? DEFAULT_DIR : Path.of(p);
    }

    /** Loads the four {@code *-ubyte.gz} (or uncompressed) files from {@code dir}. */
    public static FmnistDataset load(Path dir) throws IOException {
        return of(images(dir, "train-images-idx3-ubyte"), labels(dir, "train-labels-idx1-ubyte"),
                images(dir, "t10k-images-idx3-ubyte"), labels(dir, "t10k-labels-idx1-ubyte"));
    }

    private static Path find(Path dir, String base) throws IOException {
        Path gz = dir.resolve(base + ".gz");
        if (Files.exists(gz)) return gz;
        Path plain = dir.resolve(base);
        if (Files.exists(plain)) return plain;
        throw new IOException("Fashion-MNIST file " + gz + " not found (install Debian package "
                + "dataset-fashion-mnist, or set -Ddiffsweep.fmnist.dir / FMNIST_DIR)");
    }

    private static byte[] images(Path dir, String base) throws IOException {
        IdxReader.IdxArray a = IdxReader.read(find(dir, base));
        if (a.dims().length != 3 || a.dims()[1] != RAW || a.dims()[2] != RAW)
            throw new IOException(base + ": expected N x 28 x 28, got " + Arrays.toString(a.dims()));
        return a.data();
    }

    private static byte[] labels(Path dir, String base) throws IOException {
        IdxReader.IdxArray a = IdxReader.read(find(dir, base));
        if (a.dims().length != 1) throw new IOException(base + ": expected rank 1, got " + Arrays.toString(a.dims()));
        return a.data();
    }

    /** Number of images in the training ({@code train = true}) or test split. */
    public int size(boolean train) { return (train ? trainLabels : testLabels).length; }

    /** Label of image {@code i} of a split. */
    public int label(boolean train, int i) { return (train ? trainLabels : testLabels)[i]; }

    /** Indices (ascending) of the images of class {@code c} in a split. */
    public int[] indicesOfClass(boolean train, int c) {
        byte[] l = train ? trainLabels : testLabels;
        int cnt = 0;
        for (byte b : l) if (b == c) cnt++;
        int[] out = new int[cnt];
        int k = 0;
        for (int i = 0; i < l.length; i++) if (l[i] == c) out[k++] = i;
        return out;
    }

    /**
     * The selected images padded to 32x32 and scaled to [0, 1], row-major, image j at offset {@code j * D}
     * (pixel (r, c) of the 32x32 image at {@code r * 32 + c}).
     */
    public float[] padded(boolean train, int[] indices) {
        byte[] src = train ? trainImages : testImages;
        float[] out = new float[indices.length * D];
        int pad = (SIDE - RAW) / 2;
        for (int j = 0; j < indices.length; j++) {
            int s = indices[j] * RAW * RAW;
            int o = j * D;
            for (int r = 0; r < RAW; r++) {
                for (int c = 0; c < RAW; c++) {
                    out[o + (r + pad) * SIDE + (c + pad)] = (src[s + r * RAW + c] & 0xff) / 255f;
                }
            }
        }
        return out;
    }
}
