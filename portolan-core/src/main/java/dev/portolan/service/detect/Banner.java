package dev.portolan.service.detect;

/** The first bytes of an unrecognised service's answer, shown the way nmap escapes a fingerprint. */
final class Banner {
    static final int MAX_CHARS = 80;

    private Banner() {
    }

    /** Printable ASCII kept, \r \n \t written as escapes, other bytes as \xHH; at most {@link #MAX_CHARS}. */
    static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            String piece = switch (c) {
                case '\r' -> "\\r";
                case '\n' -> "\\n";
                case '\t' -> "\\t";
                case '\\' -> "\\\\";
                default -> c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c);
            };
            if (sb.length() + piece.length() > MAX_CHARS) {
                break;
            }
            sb.append(piece);
        }
        return sb.toString();
    }
}
