package dev.portolan.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random target lists in a small space, checked against a plain bit set of the addresses they mean. */
class TargetSetModelTest {
    private static final long BASE = 10L << 24; // 10.0.0.0; the model covers 10.0.0.0-10.0.3.255

    @Test
    void intervalArithmeticMatchesABitSetModel() {
        Random random = new Random(20240601);
        for (int round = 0; round < 300; round++) {
            BitSet included = new BitSet();
            BitSet excluded = new BitSet();
            List<String> specs = randomSpecs(random, included);
            List<String> excludes = randomSpecs(random, excluded);
            BitSet expected = (BitSet) included.clone();
            expected.andNot(excluded);
            TargetOptions options = TargetOptions.builder().excludeSpecs(excludes).build();
            if (expected.isEmpty()) {
                assertThatThrownBy(() -> TargetSet.parse(specs, options)).isInstanceOf(TargetSpecException.class);
                continue;
            }
            TargetSet set = TargetSet.parse(specs, options);
            List<String> actual = set.stream().map(Target::ip).toList();
            List<String> want = expected.stream().mapToObj(i -> Addresses.ipv4(BASE + i).getHostAddress()).toList();
            assertThat(actual).as("%s minus %s", specs, excludes).isEqualTo(want);
            for (int i = 0; i < 1024; i++) {
                InetAddress a = Addresses.ipv4(BASE + i);
                assertThat(set.contains(a)).isEqualTo(expected.get(i));
            }
        }
    }

    /** One to four specs of random kinds, marking in {@code model} the offsets from 10.0.0.0 they cover. */
    private static List<String> randomSpecs(Random random, BitSet model) {
        List<String> specs = new ArrayList<>();
        for (int n = random.nextInt(1, 5); n > 0; n--) {
            int third = random.nextInt(4);
            switch (random.nextInt(4)) {
                case 0 -> { // single address
                    int last = random.nextInt(256);
                    specs.add("10.0." + third + "." + last);
                    model.set(third * 256 + last);
                }
                case 1 -> { // CIDR
                    int prefix = random.nextInt(22, 33);
                    int offset = random.nextInt(1024);
                    int blockSize = 1 << (32 - prefix);
                    int start = offset / blockSize * blockSize;
                    specs.add(Addresses.ipv4(BASE + offset).getHostAddress() + "/" + prefix);
                    model.set(start, start + blockSize);
                }
                case 2 -> { // range in the last octet
                    int a = random.nextInt(256);
                    int b = random.nextInt(a, 256);
                    specs.add("10.0." + third + "." + a + "-" + b);
                    model.set(third * 256 + a, third * 256 + b + 1);
                }
                default -> { // lists in the third and last octets
                    int t1 = random.nextInt(4);
                    int t2 = random.nextInt(4);
                    int l1 = random.nextInt(256);
                    int l2 = random.nextInt(256);
                    specs.add("10.0." + t1 + "," + t2 + "." + l1 + "," + l2 + ",-3");
                    for (int t : new int[] {t1, t2}) {
                        for (int l : new int[] {l1, l2, 0, 1, 2, 3}) {
                            model.set(t * 256 + l);
                        }
                    }
                }
            }
        }
        return specs;
    }
}
