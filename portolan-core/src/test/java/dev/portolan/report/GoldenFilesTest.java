package dev.portolan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every format against its golden file, made from {@link ReportFixtures}. After a deliberate change of a format,
 * rewrite the files with {@code -Dportolan.updateGolden=true} and review the diff.
 */
class GoldenFilesTest {
    static final String RESOURCES = "src/test/resources/dev/portolan/report/";

    /** The variants: name, options, interrupted. */
    private record Variant(String name, ReportOptions options, boolean interrupted, List<ReportFormat> formats) {
    }

    private static final List<ReportFormat> ALL = List.of(ReportFormat.values());

    private static final List<Variant> VARIANTS = List.of(
            new Variant("default", ReportFixtures.options(false, false, 0), false, ALL),
            new Variant("interrupted", ReportFixtures.options(false, false, 0), true, ALL),
            new Variant("v-reason", ReportFixtures.options(false, true, 1), false,
                    List.of(ReportFormat.NORMAL, ReportFormat.XML, ReportFormat.GREPABLE, ReportFormat.CSV,
                            ReportFormat.NDJSON)),
            new Variant("vv", ReportFixtures.options(false, false, 2), false,
                    List.of(ReportFormat.NORMAL, ReportFormat.GREPABLE)),
            new Variant("open", ReportFixtures.options(true, false, 0), false,
                    List.of(ReportFormat.NORMAL, ReportFormat.XML, ReportFormat.GREPABLE, ReportFormat.JSON,
                            ReportFormat.CSV)));

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Variant v : VARIANTS) {
            for (ReportFormat f : v.formats()) {
                cases.add(Arguments.of(v.name() + "." + fileExtension(f), v, f));
            }
        }
        return cases.stream();
    }

    static String fileExtension(ReportFormat f) {
        return f.extension().orElse("terminal.txt");
    }

    static String render(String variantName, ReportFormat format) {
        Variant v = VARIANTS.stream().filter(x -> x.name().equals(variantName)).findFirst().orElseThrow();
        return render(v, format);
    }

    private static String render(Variant v, ReportFormat format) {
        int verbosity = v.options().verbosity();
        return v.interrupted()
                ? ReportFixtures.render(format, v.options(), ReportFixtures.meta(verbosity),
                        ReportFixtures.interruptedHosts(), ReportFixtures.interruptedSummary())
                : ReportFixtures.render(format, v.options(), ReportFixtures.meta(verbosity), ReportFixtures.hosts(),
                        ReportFixtures.summary());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGoldenFile(String file, Variant variant, ReportFormat format) throws IOException {
        String actual = render(variant, format);
        if (Boolean.getBoolean("portolan.updateGolden")) {
            Files.writeString(Path.of(RESOURCES + file), actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(golden(file));
    }

    /** Read from the source tree (the module directory is the working directory of the tests). */
    static String golden(String file) throws IOException {
        Path path = Path.of(RESOURCES + file);
        assertThat(path).as("golden file (create it with -Dportolan.updateGolden=true)").exists();
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
