package dev.portolan.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class NativeAccessTest {

    @Test
    void linuxWithNativeAccessOnASupportedCpuMayUseTheBindings() {
        assertThat(NativeAccess.refusal("Linux", "amd64", true, null)).isEmpty();
        assertThat(NativeAccess.refusal("Linux", "aarch64", true, "true")).isEmpty();
    }

    @Test
    void everythingElseFallsBackWithAReason() {
        assertThat(NativeAccess.refusal("Linux", "amd64", false, null)).get().asString()
                .contains("--enable-native-access");
        assertThat(NativeAccess.refusal("Mac OS X", "aarch64", true, null))
                .isEqualTo(Optional.of("not Linux (Mac OS X)"));
        assertThat(NativeAccess.refusal("Linux", "s390x", true, null))
                .isEqualTo(Optional.of("unsupported architecture s390x"));
        assertThat(NativeAccess.refusal("Linux", "amd64", true, "false")).get().asString()
                .contains("-Dportolan.native=false");
    }

    @Test
    void thisTestJvmHasTheBindings() {
        // surefire runs the tests with --enable-native-access=ALL-UNNAMED
        assumeThat(System.getProperty("os.name")).startsWith("Linux");
        assertThat(NativeAccess.unavailableReason()).isEmpty();
        assertThat(NativeAccess.available()).isTrue();
    }
}
