package dev.portolan.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The human-readable times nmap writes, in a given zone (nmap uses local time). Written field by field: a
 * DateTimeFormatter with English day, month and zone names loads the JDK's locale data at its first use, some
 * tens of milliseconds of every run's start; it is kept for the zone names other than UTC's.
 */
final class NmapTime {
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
        "Dec"};

    /** What the hand-written layouts below stand for, for years they do not cover and zone names other than UTC. */
    private static final class Formatters {
        /** ctime(3) layout, day padded with a space: "Sun Nov  2 14:03:11 2026". */
        static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);
        static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("z", Locale.ENGLISH);
    }

    private final ZoneId zone;

    NmapTime(ZoneId zone) {
        this.zone = zone;
    }

    /** ctime(3)'s layout, day padded with a space: "Sun Nov  2 14:03:11 2026". */
    String ctime(Instant t) {
        ZonedDateTime z = t.atZone(zone);
        if (z.getYear() < 1 || z.getYear() > 9999) {
            return Formatters.CTIME.format(z);
        }
        StringBuilder sb = new StringBuilder(24);
        sb.append(DAYS[z.getDayOfWeek().ordinal()]).append(' ').append(MONTHS[z.getMonthValue() - 1]).append(' ');
        if (z.getDayOfMonth() < 10) {
            sb.append(' ');
        }
        sb.append(z.getDayOfMonth()).append(' ');
        clock(sb, z, true).append(' ');
        return pad(sb, z.getYear(), 4).toString();
    }

    /** The interactive "Starting ... at 2026-11-22 14:03 UTC" line's time. */
    String minute(Instant t) {
        return dateTimeZone(t.atZone(zone), false);
    }

    /** The -vv "Scanned at 2026-11-22 14:03:11 UTC for 3s" line's time. */
    String second(Instant t) {
        return dateTimeZone(t.atZone(zone), true);
    }

    /** "yyyy-MM-dd HH:mm[:ss] z". */
    private String dateTimeZone(ZonedDateTime z, boolean seconds) {
        if (z.getYear() < 1 || z.getYear() > 9999) {
            String pattern = seconds ? "yyyy-MM-dd HH:mm:ss z" : "yyyy-MM-dd HH:mm z";
            return DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).format(z);
        }
        StringBuilder sb = new StringBuilder(24);
        pad(sb, z.getYear(), 4).append('-');
        pad(sb, z.getMonthValue(), 2).append('-');
        pad(sb, z.getDayOfMonth(), 2).append(' ');
        clock(sb, z, seconds).append(' ');
        // the zones that DateTimeFormatter's short zone name ("z") calls UTC, and the offset that stands for them
        boolean utc = zone.equals(ZoneOffset.UTC) || SystemZone.UTC_NAMES.contains(zone.getId());
        return sb.append(utc ? "UTC" : Formatters.ZONE.format(z)).toString();
    }

    private static StringBuilder clock(StringBuilder sb, ZonedDateTime z, boolean seconds) {
        pad(sb, z.getHour(), 2).append(':');
        pad(sb, z.getMinute(), 2);
        return seconds ? pad(sb.append(':'), z.getSecond(), 2) : sb;
    }

    private static StringBuilder pad(StringBuilder sb, int value, int digits) {
        String s = Integer.toString(value);
        return sb.repeat('0', Math.max(0, digits - s.length())).append(s);
    }
}
