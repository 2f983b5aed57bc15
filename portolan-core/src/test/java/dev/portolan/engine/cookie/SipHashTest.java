package dev.portolan.engine.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SipHashTest {
    /**
     * The 64-bit SipHash-2-4 vectors of the SipHash paper, appendix A: key 00 01 .. 0f, message i is the bytes
     * 00 01 .. (i-1); each output is written as its 8 bytes, least significant first.
     */
    private static final String[] VECTORS = {
        "310e0edd47db6f72", "fd67dc93c539f874", "5a4fa9d909806c0d", "2d7efbd796666785",
        "b7877127e09427cf", "8da699cd64557618", "cee3fe586e46c9cb", "37d1018bf50002ab",
        "6224939a79f5f593", "b0e4a90bdf82009e", "f3b9dd94c5bb5d7a", "a7ad6b22462fb3f4",
        "fbe50e86bc8f1e75", "903d84c02756ea14", "eef27a8e90ca23f7", "e545be4961ca29a1",
        "db9bc2577fcc2a3f", "9447be2cf5e99a69", "9cd38d96f0b3c14b", "bd6179a71dc96dbb",
        "98eea21af25cd6be", "c7673b2eb0cbf2d0", "883ea3e395675393", "c8ce5ccd8c030ca8",
        "94af49f6c650adb8", "eab8858ade92e1bc", "f315bb5bb835d817", "adcf6b0763612e2f",
        "a5c91da7acaa4dde", "716595876650a2a6", "28ef495c53a387ad", "42c341d8fa92d832",
        "ce7cf2722f512771", "e37859f94623f3a7", "381205bb1ab0e012", "ae97a10fd434e015",
        "b4a31508beff4d31", "81396229f0907902", "4d0cf49ee5d4dcca", "5c73336a76d8bf9a",
        "d0a704536ba93e0e", "925958fcd6420cad", "a915c29bc8067318", "952b79f3bc0aa6d4",
        "f21df2e41d4535f9", "87577519048f53a9", "10a56cf5dfcd9adb", "eb75095ccd986cd0",
        "51a9cb9ecba312e6", "96afadfc2ce666c7", "72fe52975a4364ee", "5a1645b276d592a1",
        "b274cb8ebf87870a", "6f9bb4203de7b381", "eaecb2a30b22a87f", "9924a43cc1315724",
        "bd838d3aafbf8db7", "0b1a2a3265d51aea", "135079a3231ce660", "932b2846e4d70666",
        "e1915f5cb1eca46c", "f325965ca16d629f", "575ff28e60381be5", "724506eb4c328a95",
    };

    private static byte[] counting(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private static String littleEndianHex(long v) {
        return HexFormat.of().formatHex(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    }

    @Test
    void theSixtyFourReferenceVectors() {
        SipHash sip = SipHash.of(counting(16));
        for (int i = 0; i < VECTORS.length; i++) {
            assertThat(littleEndianHex(sip.hash(counting(i)))).as("message of %d bytes", i).isEqualTo(VECTORS[i]);
        }
    }

    @Test
    void thePapersWorkedExample() {
        // appendix A: the 15-byte message 00..0e under key 00..0f hashes to a129ca6149be45e5
        assertThat(SipHash.of(counting(16)).hash(counting(15))).isEqualTo(0xa129ca6149be45e5L);
    }

    @Test
    void aSliceHashesLikeTheSameBytesAlone() {
        SipHash sip = SipHash.of(counting(16));
        byte[] padded = new byte[70];
        System.arraycopy(counting(63), 0, padded, 3, 63);
        assertThat(littleEndianHex(sip.hash(padded, 3, 63))).isEqualTo(VECTORS[63]);
        assertThatThrownBy(() -> sip.hash(padded, 60, 11)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void wordInputsHashLikeTheirLittleEndianBytes() {
        SplittableRandom random = new SplittableRandom(24);
        for (int n = 0; n < 500; n++) {
            byte[] key = new byte[16];
            random.nextBytes(key);
            SipHash sip = SipHash.of(key);
            long[] w = {random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong()};
            ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
            for (long x : w) {
                b.putLong(x);
            }
            assertThat(sip.hash(w[0], w[1])).isEqualTo(sip.hash(b.array(), 0, 16));
            assertThat(sip.hash(w[0], w[1], w[2], w[3], w[4])).isEqualTo(sip.hash(b.array()));
        }
        // the reference vectors of 16 and 40 bytes through the word methods
        ByteBuffer m = ByteBuffer.wrap(counting(40)).order(ByteOrder.LITTLE_ENDIAN);
        SipHash ref = SipHash.of(counting(16));
        assertThat(littleEndianHex(ref.hash(m.getLong(0), m.getLong(8)))).isEqualTo(VECTORS[16]);
        assertThat(littleEndianHex(ref.hash(m.getLong(0), m.getLong(8), m.getLong(16), m.getLong(24), m.getLong(32))))
                .isEqualTo(VECTORS[40]);
    }

    @Test
    void keysAreSixteenBytesAndNeverPrinted() {
        assertThatThrownBy(() -> SipHash.of(new byte[8])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SipHash key of 8 bytes, expected 16");
        assertThat(SipHash.of(counting(16)).toString()).isEqualTo("SipHash-2-4");
    }
}
