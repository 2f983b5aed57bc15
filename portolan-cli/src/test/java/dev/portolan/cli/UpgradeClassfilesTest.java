package dev.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** scripts/UpgradeClassfiles.java, which the launcher runs so that the AOT cache can hold picocli's classes. */
class UpgradeClassfilesTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "UpgradeClassfiles.java");

    @Test
    void picocliBecomesJava8ClassesThatVerifyAndASecondRunLeavesTheJarAlone(@TempDir Path dir) throws Exception {
        Path original = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = dir.resolve(original.getFileName());
        Files.copy(original, jar);
        assertThat(majors(jar)).as("picocli ships Java 5 class files").contains(49);

        assertThat(runScript(dir)).isEqualTo(0);

        assertThat(majors(jar)).containsOnly(java.lang.classfile.ClassFile.JAVA_8_VERSION);
        // Initialising every class links it, and linking runs the verifier on the new stack maps.
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (String name : classNames(jar)) {
                Class<?> c = Class.forName(name, true, loader);
                assertThat(c.getClassLoader()).isSameAs(loader);
            }
        }
        FileTime upgraded = Files.getLastModifiedTime(jar);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(upgraded.toMillis() - 60_000));
        FileTime before = Files.getLastModifiedTime(jar);

        assertThat(runScript(dir)).isEqualTo(0);

        assertThat(Files.getLastModifiedTime(jar)).as("nothing left to upgrade: the jar is not rewritten")
                .isEqualTo(before);
    }

    private static int runScript(Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), SCRIPT.toString(), dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).doesNotContain("warning");
        return p.exitValue();
    }

    private static List<Integer> majors(Path jar) throws Exception {
        List<Integer> majors = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (var e : zip.stream().filter(e -> isPlainClass(e.getName())).toList()) {
                try (InputStream in = zip.getInputStream(e)) {
                    byte[] head = in.readNBytes(8);
                    majors.add(((head[6] & 0xff) << 8) | (head[7] & 0xff));
                }
            }
        }
        return majors;
    }

    private static List<String> classNames(Path jar) throws Exception {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(e -> e.getName()).filter(UpgradeClassfilesTest::isPlainClass)
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).toList();
        }
    }

    private static boolean isPlainClass(String name) {
        return name.endsWith(".class") && !name.startsWith("META-INF/");
    }

}
