package dev.portolan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written layouts against the DateTimeFormatter patterns they stand for. */
class NmapTimeTest {
    private static final DateTimeFormatter CTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ENGLISH);
    private static final DateTimeFormatter SECOND =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ENGLISH);

    @Test
    void everyLayoutIsTheFormattersInManyZonesAndDays() {
        Random random = new Random(7);
        for (String id : new String[] {"UTC", "Etc/UTC", "UCT", "Universal", "Zulu", "GMT", "Z", "Europe/Paris",
            "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "+05:30"}) {
            ZoneId zone = ZoneId.of(id);
            NmapTime time = new NmapTime(zone);
            for (int k = 0; k < 2000; k++) {
                // 1970 to 2100, and a few from the first and last years the layouts write by hand
                long seconds = k < 1990 ? random.nextLong(4_102_444_800L)
                        : k % 2 == 0 ? -62_135_596_800L + random.nextInt(86_400 * 30)
                        : 253_402_300_799L - random.nextInt(86_400 * 30);
                Instant t = Instant.ofEpochSecond(seconds);
                assertThat(time.ctime(t)).as("ctime of %s in %s", t, id).isEqualTo(CTIME.format(t.atZone(zone)));
                assertThat(time.minute(t)).as("minute of %s in %s", t, id).isEqualTo(utc(MINUTE.format(t.atZone(zone))));
                assertThat(time.second(t)).as("second of %s in %s", t, id).isEqualTo(utc(SECOND.format(t.atZone(zone))));
            }
        }
    }

    /** The offset zone Z, which stands for a machine set to UTC (see SystemZone), is named as UTC is, not "Z". */
    private static String utc(String formatted) {
        return formatted.endsWith(" Z") ? formatted.substring(0, formatted.length() - 1) + "UTC" : formatted;
    }

    @Test
    void aSingleDigitDayIsPaddedWithASpaceAsCtimeDoes() {
        NmapTime time = new NmapTime(ZoneId.of("UTC"));
        assertThat(time.ctime(Instant.parse("2026-11-02T14:03:11Z"))).isEqualTo("Mon Nov  2 14:03:11 2026");
        assertThat(time.minute(Instant.parse("2026-01-09T04:05:06Z"))).isEqualTo("2026-01-09 04:05 UTC");
        assertThat(time.second(Instant.parse("2026-07-01T00:00:00Z"))).isEqualTo("2026-07-01 00:00:00 UTC");
        assertThat(time.ctime(Instant.parse("+10000-01-01T00:00:00Z"))).as("past the hand-written years")
                .isEqualTo("Sat Jan  1 00:00:00 +10000");
    }
}
