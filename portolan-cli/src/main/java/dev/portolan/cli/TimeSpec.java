package dev.portolan.cli;

import java.time.Duration;
import picocli.CommandLine;

/** nmap's time values: a number with an optional unit ms, s, m or h; a bare number is seconds. */
final class TimeSpec implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        long scale;
        String number;
        if (v.endsWith("ms")) {
            scale = 1;
            number = v.substring(0, v.length() - 2);
        } else if (v.endsWith("s")) {
            scale = 1000;
            number = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            scale = 60_000;
            number = v.substring(0, v.length() - 1);
        } else if (v.endsWith("h")) {
            scale = 3_600_000;
            number = v.substring(0, v.length() - 1);
        } else {
            scale = 1000;
            number = v;
        }
        try {
            double amount = Double.parseDouble(number);
            if (amount < 0 || Double.isNaN(amount) || Double.isInfinite(amount) || number.isBlank()) {
                throw new NumberFormatException();
            }
            return Duration.ofNanos(Math.round(amount * scale * 1_000_000.0));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a time (examples: 500ms, 2s, 30m, 1h)");
        }
    }
}
