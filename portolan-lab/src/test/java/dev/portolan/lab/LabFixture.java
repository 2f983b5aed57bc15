package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

/** The lifecycle every lab test class shares: start (or skip with one line) and close, leaving no namespace. */
final class LabFixture {
    private LabFixture() {
    }

    /** A lab of {@code hosts}; the calling test class is skipped with one line when labs cannot run here. */
    static Lab startOrSkip(LabHost... hosts) {
        return startOrSkip(List.of(hosts));
    }

    static Lab startOrSkip(List<LabHost> hosts) {
        String why = Lab.unavailableReason().orElse("");
        assumeTrue(why.isEmpty(), "lab tests skipped: " + why);
        return Lab.start(hosts);
    }

    /** Closes {@code lab} (null when it never started) and checks its namespaces are gone. */
    static void close(Lab lab) {
        if (lab != null) {
            lab.close();
            assertThat(Lab.existingNamespaces()).doesNotContainAnyElementsOf(lab.namespaces());
        }
    }
}
