package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortolanLauncherTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void currentJvmRunsTheCliMainOnThisClassPath() {
        assertThat(PortolanLauncher.currentJvm().command(List.of("scan", "-sT", "198.51.100.2")))
                .containsExactly(JAVA, "--enable-native-access=ALL-UNNAMED", "-cp",
                        System.getProperty("java.class.path"), "dev.portolan.cli.Main", "scan", "-sT", "198.51.100.2");
    }

    @Test
    void builtJarsAreTheCliJarAndItsLibraries() {
        assertThat(PortolanLauncher.builtJars(Path.of("/repo")).prefix()).containsExactly(JAVA,
                "--enable-native-access=ALL-UNNAMED", "-cp",
                "/repo/portolan-cli/target/portolan-cli.jar:/repo/portolan-cli/target/lib/*", "dev.portolan.cli.Main");
    }

    @Test
    void anEmptyCommandIsRefused() {
        assertThatThrownBy(() -> new PortolanLauncher(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("empty Portolan command");
    }

    @Test
    void theMainClassIsTheCliOne() throws ClassNotFoundException {
        // the lab module depends on the CLI: the name the launcher uses must be a class on this class path
        assertThat(Class.forName(PortolanLauncher.MAIN_CLASS).getName()).isEqualTo("dev.portolan.cli.Main");
    }
}
