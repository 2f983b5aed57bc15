package dev.portolan.engine.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyMaterialTest {
    @Test
    void readsTheKeyFromTheSourceWhenItHoldsEnough(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("random");
        Files.write(source, new byte[] {1, 2, 3, 4, 5, 6});

        assertThat(KeyMaterial.fresh(4, source)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void fallsBackToTheGeneratorWhenTheSourceIsShortOrMissing(@TempDir Path dir) throws IOException {
        Path shortSource = dir.resolve("short");
        Files.write(shortSource, new byte[] {7, 7});

        byte[] fromShort = KeyMaterial.fresh(16, shortSource);
        byte[] fromMissing = KeyMaterial.fresh(16, dir.resolve("missing"));

        assertThat(fromShort).hasSize(16).isNotEqualTo(new byte[16]);
        assertThat(fromMissing).hasSize(16).isNotEqualTo(new byte[16]).isNotEqualTo(fromShort);
    }

    @Test
    void givesDifferentKeysEachTime() {
        assertThat(KeyMaterial.fresh(16)).hasSize(16).isNotEqualTo(KeyMaterial.fresh(16));
        assertThat(KeyMaterial.fresh(0)).isEmpty();
    }

    @Test
    void refusesANegativeLength() {
        assertThatThrownBy(() -> KeyMaterial.fresh(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
