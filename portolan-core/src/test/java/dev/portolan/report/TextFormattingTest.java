package dev.portolan.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.result.ScanSummary;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The number, time and escaping rules of the text formats, checked against values nmap 7.93 printed. */
class TextFormattingTest {

    @ParameterizedTest(name = "{0} us -> {1}")
    @CsvSource({
            "118, 0.00012",
            "82, 0.000082",
            "7, 0.0000070",
            "995, 0.00100",
            "1180, 0.0012",
            "250000, 0.25",
            "1234567, 1.2",
            "12300000, 12",
            "123000000, 120",
            "0, 0.00"})
    void latencyHasTwoSignificantDigits(long micros, String expected) {
        assertThat(NmapText.latency(micros)).isEqualTo(expected);
    }

    @Test
    void latencyAndElapsedAgreeWithDecimalArithmeticEverywhere() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (long micros = 1; micros < 2_000_000; micros += micros < 20_000 ? 1 : 97) {
            assertThat(NmapText.latency(micros)).as("%d us", micros).isEqualTo(decimalLatency(micros));
        }
        for (int i = 0; i < 100_000; i++) {
            long micros = random.nextLong(1, 1_000_000_000_000L);
            assertThat(NmapText.latency(micros)).as("%d us", micros).isEqualTo(decimalLatency(micros));
            long millis = random.nextLong(0, 10_000_000_000L);
            assertThat(NmapText.seconds(millis)).as("%d ms", millis).isEqualTo(
                    java.math.BigDecimal.valueOf(millis, 3).setScale(2, java.math.RoundingMode.HALF_UP)
                            .toPlainString());
        }
    }

    /** The rule in decimal arithmetic, as it was written first: the reference for the long arithmetic. */
    private static String decimalLatency(long micros) {
        java.math.BigDecimal seconds = java.math.BigDecimal.valueOf(micros, 6);
        int exponent = seconds.precision() - seconds.scale() - 1;
        int decimals = Math.max(0, 1 - exponent);
        return seconds.round(new java.math.MathContext(2, java.math.RoundingMode.HALF_UP))
                .setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    @Test
    void elapsedHasTwoDecimals() {
        assertThat(NmapText.seconds(230)).isEqualTo("0.23");
        assertThat(NmapText.seconds(9200)).isEqualTo("9.20");
        assertThat(NmapText.seconds(0)).isEqualTo("0.00");
        assertThat(NmapText.seconds(125_005)).isEqualTo("125.01");
    }

    @Test
    void doneLineCountsWithNmapsPlurals() {
        assertThat(NmapText.doneCounts(summary(1, 1, 80))).isEqualTo("1 IP address (1 host up) scanned in 0.08 seconds");
        assertThat(NmapText.doneCounts(summary(2, 0, 1500)))
                .isEqualTo("2 IP addresses (0 hosts up) scanned in 1.50 seconds");
        assertThat(NmapText.doneCounts(summary(0, 0, 0))).isEqualTo("0 IP addresses (0 hosts up) scanned in 0.00 seconds");
    }

    private static ScanSummary summary(int total, int up, long millis) {
        return new ScanSummary(Instant.EPOCH, millis, up, total - up, total, false, Optional.empty(), 0, 0, 0);
    }

    @Test
    void ctimePadsTheDayWithASpaceLikeCtime() {
        NmapTime utc = new NmapTime(ZoneId.of("UTC"));
        assertThat(utc.ctime(Instant.parse("2026-11-02T04:05:06Z"))).isEqualTo("Mon Nov  2 04:05:06 2026");
        assertThat(utc.ctime(Instant.parse("2026-11-22T14:03:11Z"))).isEqualTo("Sun Nov 22 14:03:11 2026");
        assertThat(utc.minute(Instant.parse("2026-11-22T14:03:11Z"))).isEqualTo("2026-11-22 14:03 UTC");
        assertThat(utc.second(Instant.parse("2026-11-22T14:03:11Z"))).isEqualTo("2026-11-22 14:03:11 UTC");
    }

    @Test
    void timesFollowTheGivenZone() {
        NmapTime tokyo = new NmapTime(ZoneId.of("Asia/Tokyo"));
        assertThat(tokyo.ctime(Instant.parse("2026-11-22T14:03:11Z"))).isEqualTo("Sun Nov 22 23:03:11 2026");
        assertThat(tokyo.minute(Instant.parse("2026-11-22T14:03:11Z"))).isEqualTo("2026-11-22 23:03 JST");
    }

    @Test
    void controlCharactersBecomeVisibleEscapes() {
        assertThat(NmapText.printable("evil\tname\nHost: 1.2.3.4")).isEqualTo("evil\\x09name\\x0AHost: 1.2.3.4");
        assertThat(NmapText.printable("plain.example.com")).isEqualTo("plain.example.com");
        assertThat(NmapText.printable("bücher.example")).isEqualTo("bücher.example");
    }

    @Test
    void xmlAttributesEscapeMarkupDashesAndForbiddenCharacters() {
        assertThat(XmlText.attr("a<b>&\"c'")).isEqualTo("a&lt;b&gt;&amp;&quot;c&apos;");
        assertThat(XmlText.attr("--open ---x")).isEqualTo("-&#45;open -&#45;&#45;x");
        assertThat(XmlText.attr("tab\there\u0001")).isEqualTo("tab&#9;here\\x01");
        assertThat(XmlText.attr("😀")).isEqualTo("😀");
    }

    @Test
    void xmlCommentsNeverContainADoubleDashOrEndInOne() {
        assertThat(XmlText.comment("scan --open -")).isEqualTo("scan -&#45;open &#45;");
        assertThat(XmlText.comment("a\nb")).isEqualTo("a b");
    }

    @Test
    void tableAlignsColumnsWithoutTrailingSpaces() {
        TextTable t = new TextTable("PORT", "STATE", "SERVICE");
        t.add("22/tcp", "open", "ssh");
        t.add("1234/tcp", "filtered", "unknown");
        assertThat(t.render()).isEqualTo("""
                PORT     STATE    SERVICE
                22/tcp   open     ssh
                1234/tcp filtered unknown
                """);
    }
}
