package dev.portolan.service.probe;

import java.io.ByteArrayOutputStream;

/** C-style escapes of probe payloads, as both signature formats write them: \0 \a \b \f \n \r \t \v \xHH \\. */
final class Escapes {
    private Escapes() {
    }

    /** The bytes {@code text} stands for; chars above 0xff are refused (payloads are bytes). */
    static byte[] unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xff) {
                throw new IllegalArgumentException("payload char beyond one byte: write it as \\xHH");
            }
            if (c != '\\') {
                out.write(c);
                continue;
            }
            if (++i == text.length()) {
                throw new IllegalArgumentException("payload ends with a lone backslash");
            }
            char e = text.charAt(i);
            switch (e) {
                case '\\' -> out.write('\\');
                case '0' -> out.write(0);
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(11);
                case 'x' -> {
                    int hi = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                    int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                    if (hi < 0 || lo < 0) {
                        throw new IllegalArgumentException("\\x needs two hex digits");
                    }
                    out.write(hi * 16 + lo);
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + " in payload");
            }
        }
        return out.toByteArray();
    }
}
