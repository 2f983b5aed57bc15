package dev.portolan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemZoneTest {
    @TempDir
    Path dir;

    private Path link(String target) throws IOException {
        return Files.createSymbolicLink(dir.resolve("localtime"), Path.of(target));
    }

    @Test
    void aLinkToTheDatabasesUtcIsUtc() throws IOException {
        Path localtime = link("/usr/share/zoneinfo/Etc/UTC");
        assertThat(SystemZone.isUtc(null, null, localtime, dir.resolve("no-timezone"))).isTrue();
        assertThat(SystemZone.isUtc("", null, localtime, dir.resolve("no-timezone"))).isTrue();
    }

    @Test
    void anythingElseLeavesItToTheJdk() throws IOException {
        Path utc = link("../usr/share/zoneinfo/UTC");
        Path none = dir.resolve("no-timezone");
        assertThat(SystemZone.isUtc("Europe/Paris", null, utc, none)).as("-Duser.timezone").isFalse();
        assertThat(SystemZone.isUtc(null, "Europe/Paris", utc, none)).as("TZ").isFalse();
        assertThat(SystemZone.isUtc(null, "", utc, none)).as("TZ set, even empty").isFalse();
        Path debian = Files.writeString(dir.resolve("timezone"), "Europe/Paris\n");
        assertThat(SystemZone.isUtc(null, null, utc, debian)).as("/etc/timezone says otherwise").isFalse();
        Path paris = Files.createSymbolicLink(dir.resolve("paris"), Path.of("/usr/share/zoneinfo/Europe/Paris"));
        assertThat(SystemZone.isUtc(null, null, paris, none)).isFalse();
        Path copy = Files.writeString(dir.resolve("copied"), "TZif");
        assertThat(SystemZone.isUtc(null, null, copy, none)).as("a copy, not a link").isFalse();
        assertThat(SystemZone.isUtc(null, null, dir.resolve("missing"), none)).isFalse();
    }

    @Test
    void agreesWithTheJdkOnThisMachine() {
        ZoneId jdk = ZoneId.systemDefault();
        ZoneId ours = SystemZone.get();
        if (ours.equals(ZoneOffset.UTC)) {
            assertThat(jdk.getRules().isFixedOffset()).isTrue();
            assertThat(jdk.getRules().getOffset(java.time.Instant.EPOCH)).isEqualTo(ZoneOffset.UTC);
        } else {
            assertThat(ours).isEqualTo(jdk);
        }
    }
}
