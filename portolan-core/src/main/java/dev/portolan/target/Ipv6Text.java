package dev.portolan.target;

/** Parses IPv6 text (RFC 4291 section 2.2, with "::" and a trailing dotted IPv4 part) without any lookup. */
final class Ipv6Text {
    private Ipv6Text() {
    }

    /** The address, or an exception whose message says what is wrong (the caller names the token). */
    static U128 parse(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw new IllegalArgumentException("\"::\" may appear only once");
        }
        int[] head = words(gap >= 0 ? text.substring(0, gap) : text, gap < 0);
        int[] tail = gap >= 0 ? words(text.substring(gap + 2), true) : new int[0];
        int given = head.length + tail.length;
        if (gap < 0 && given != 8) {
            throw new IllegalArgumentException("an IPv6 address has eight groups, this has " + given);
        }
        if (gap >= 0 && given > 7) {
            throw new IllegalArgumentException("too many groups for an IPv6 address");
        }
        int[] all = new int[8];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = hi << 16 | all[i];
            lo = lo << 16 | all[4 + i];
        }
        return new U128(hi, lo);
    }

    /** The 16-bit groups of a colon-separated part; {@code last} allows a dotted IPv4 address at its end. */
    private static int[] words(String part, boolean last) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] pieces = part.split(":", -1);
        boolean dotted = last && pieces[pieces.length - 1].indexOf('.') >= 0;
        int[] out = new int[pieces.length + (dotted ? 1 : 0)];
        for (int i = 0; i < pieces.length; i++) {
            String p = pieces[i];
            if (dotted && i == pieces.length - 1) {
                long v4 = ipv4(p);
                out[i] = (int) (v4 >>> 16);
                out[i + 1] = (int) (v4 & 0xffff);
            } else {
                out[i] = hexWord(p);
            }
        }
        return out;
    }

    private static int hexWord(String p) {
        if (p.isEmpty()) {
            throw new IllegalArgumentException("empty group");
        }
        if (!p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("\"" + p + "\" is not a hexadecimal group");
        }
        if (p.length() > 4) {
            throw new IllegalArgumentException("group \"" + p + "\" is longer than 4 digits");
        }
        return Integer.parseInt(p, 16);
    }

    private static long ipv4(String dotted) {
        String[] octets = dotted.split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("embedded IPv4 address \"" + dotted + "\" needs four octets");
        }
        long v = 0;
        for (String o : octets) {
            if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(o) > 255) {
                throw new IllegalArgumentException("embedded IPv4 address \"" + dotted + "\" is malformed");
            }
            v = v << 8 | Integer.parseInt(o);
        }
        return v;
    }
}
