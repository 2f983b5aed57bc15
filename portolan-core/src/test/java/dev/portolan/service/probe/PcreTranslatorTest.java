package dev.portolan.service.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PcreTranslatorTest {

    /** Subjects are written with %XX for the byte XX (ISO-8859-1), so that no cell holds a raw control char. */
    private static boolean pcreMatches(String pcre, String flags, String subject) {
        Pattern p = PcreTranslator.compile(pcre, flags.contains("i"), flags.contains("s"));
        return p.matcher(subject).find();
    }

    /**
     * What PCRE (8.x, no UTF, as nmap links it) answers for each pattern and subject; each row was checked
     * against Perl's engine where the two agree, and against PCRE's documentation where they do not ({,3}).
     */
    @ParameterizedTest(name = "{0} [{1}] on {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ^\\0\\x01               |   | %00%01       | true
            a\\012                  |   | a%0a         | true
            (a)\\1                  |   | aa           | true
            ^\\x4z                  |   | %04z         | true
            ^\\x$                   |   | %00          | true
            a{                      |   | a{           | true
            ^x{1,2}$                |   | xx           | true
            ^{foo}$                 |   | {foo}        | true
            ^a{,3}$                 |   | a{,3}        | true
            ^a\\}$                  |   | a}           | true
            abc\\Z                  |   | abc%0a       | true
            abc\\z                  |   | abc%0a       | false
            abc$                    |   | abc%0d%0a    | false
            abc$                    |   | abc%0a       | true
            ^a.b                    |   | a%85b        | true
            ^a.b                    |   | a%0ab        | false
            ^a.b                    | s | a%0ab        | true
            ^[[:alpha:]]+$          |   | abcXYZ       | true
            ^[[:alpha:]]+$          |   | ab1          | false
            ^[[:^digit:]]+$         |   | ab-          | true
            ^[[:punct:]]$           |   | !            | true
            ^[[]x                   |   | [x           | true
            ^[a&&b]$                |   | &            | true
            ^[]a]$                  |   | ]            | true
            ^[^]]$                  |   | x            | true
            ^[^]]$                  |   | ]            | false
            ^[\\w-.]+$              |   | a-b.c        | true
            ^[\\d-z]+$              |   | 1-z          | true
            ^\\h\\h$                |   | %09%a0       | true
            ^ABC$                   | i | abc          | true
            ^\\s$                   |   | %0b          | true
            ^\\Q.*\\E$              |   | .*           | true
            ^\\Q.*\\E$              |   | ab           | false
            ^(?#note)a$             |   | a            | true
            ^[\\b]$                 |   | %08          | true
            ^\\cA$                  |   | %01          | true
            ^(?>a+)b$               |   | aaab         | true
            ^a++a$                  |   | aaa          | false
            ^\\101$                 |   | A            | true
            ^a\\11b$                |   | a%09b        | true
            ^\\x{41}$               |   | A            | true
            ^\\N\\N$                |   | ab           | true
            ^\\N$                   |   | %0a          | false
            ^\\_$                   |   | _            | true
            ^\\i$                   |   | i            | true
            ^[\\x41-\\x43]+$        |   | ABC          | true
            ^\\d+\\xff$             |   | 12%ff        | true
            ^(?P<v>\\d)(?P=v)$      |   | 11           | true
            ^(\\d)\\g{-1}$          |   | 22           | true
            ^(?<my_d>\\d)\\k<my_d>$ |   | 33           | true
            ^(?<my_d>\\d)\\k<my_d>$ |   | 34           | false
            ^\\C\\C$                |   | %0a%0a       | true
            """)
    void matchesWhatPcreMatches(String pcre, String flags, String subject, boolean expected) {
        assertThat(pcreMatches(pcre, flags == null ? "" : flags, unescape(subject))).isEqualTo(expected);
    }

    /** The subject with each %XX replaced by the char of byte XX. */
    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '%') {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                b.append(s.charAt(i));
            }
        }
        return b.toString();
    }

    @Test
    void plainJavaWouldGetTheseWrong() {
        // Each of these either fails to compile as java.util.regex or means something else there.
        assertThatThrownBy(() -> Pattern.compile("^\\0\\x01")).isInstanceOf(PatternSyntaxException.class);
        assertThatThrownBy(() -> Pattern.compile("a{")).isInstanceOf(PatternSyntaxException.class);
        assertThat(Pattern.compile("^[[:alpha:]]$").matcher(":").find()).isTrue();
        assertThat(Pattern.compile("^[a&&b]$").matcher("&").find()).isFalse();
        assertThat(Pattern.compile("^a.b").matcher("a\u0085b").find()).isFalse();
        assertThat(Pattern.compile("abc$").matcher("abc\r\n").find()).isTrue();
    }

    @Test
    void translations() {
        assertThat(PcreTranslator.translate("\\0\\0")).isEqualTo("\\x{0}\\x{0}");
        assertThat(PcreTranslator.translate("a{")).isEqualTo("a\\{");
        assertThat(PcreTranslator.translate("a{2,}")).isEqualTo("a{2,}");
        assertThat(PcreTranslator.translate("[[:digit:]]")).isEqualTo("[\\p{Digit}]");
        assertThat(PcreTranslator.translate("(a)\\1")).isEqualTo("(a)(?:\\1)");
        assertThat(PcreTranslator.translate("\\xe9")).isEqualTo("\\x{e9}");
    }

    @Test
    void invalidPatternsStayInvalid() {
        assertThatThrownBy(() -> PcreTranslator.compile("(a", false, false))
                .isInstanceOf(PatternSyntaxException.class);
        assertThatThrownBy(() -> PcreTranslator.compile("[abc", false, false))
                .isInstanceOf(PatternSyntaxException.class).hasMessageContaining("unterminated character class");
        assertThatThrownBy(() -> PcreTranslator.compile("abc\\", false, false))
                .isInstanceOf(PatternSyntaxException.class);
        assertThatThrownBy(() -> PcreTranslator.compile("a\\Kb", false, false))
                .isInstanceOf(PatternSyntaxException.class);
    }

    @Test
    void runawayBacktrackingGivesUpInsteadOfStalling() {
        Pattern evil = PcreTranslator.compile("^(a+)+$", false, false);
        SignaturePattern p = new SignaturePattern("^(a+)+$", false, false, evil);
        long start = System.nanoTime();
        assertThat(p.find("a".repeat(40) + "b")).isNull();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        assertThat(p.find("aaaa")).isNotNull();
    }
}
