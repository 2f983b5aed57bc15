package dev.portolan.technique.udp;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads the payload format line by line: {@code payload NAME PORTS}, then {@code hex}, {@code text}, {@code zero}. */
final class UdpPayloadParser {
    private final String source;
    private final List<UdpPayload> done = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private String name;
    private List<Integer> ports;
    private int startLine;
    private ByteArrayOutputStream bytes;
    private int lineNumber;

    UdpPayloadParser(String source) {
        this.source = source;
    }

    List<UdpPayload> parse(BufferedReader in) throws IOException, UdpPayloadFormatException {
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int space = trimmed.indexOf(' ');
            String keyword = space < 0 ? trimmed : trimmed.substring(0, space);
            String rest = space < 0 ? "" : trimmed.substring(space + 1).strip();
            switch (keyword) {
                case "payload" -> start(rest);
                case "hex" -> current().writeBytes(hex(withoutComment(rest)));
                case "text" -> current().writeBytes(text(rest));
                case "zero" -> current().writeBytes(new byte[count(withoutComment(rest))]);
                default -> throw error("unknown keyword \"" + keyword + "\" (payload, hex, text or zero)");
            }
        }
        finish();
        return done;
    }

    private void start(String rest) throws UdpPayloadFormatException {
        finish();
        String[] words = withoutComment(rest).split("\\s+");
        if (words.length != 2 || words[0].isEmpty()) {
            throw error("\"payload\" takes a name and ports: payload dns-version 53");
        }
        if (!names.add(words[0])) {
            throw error("a second payload called " + words[0]);
        }
        name = words[0];
        ports = ports(words[1]);
        startLine = lineNumber;
        bytes = new ByteArrayOutputStream();
    }

    private void finish() throws UdpPayloadFormatException {
        if (name == null) {
            return;
        }
        if (bytes.size() > UdpPayload.MAX_SIZE) {
            throw new UdpPayloadFormatException(source + ":" + startLine + ": payload " + name + " has "
                    + bytes.size() + " bytes, at most " + UdpPayload.MAX_SIZE);
        }
        done.add(new UdpPayload(name, ports, bytes.toByteArray(), source + ":" + startLine));
        name = null;
    }

    private ByteArrayOutputStream current() throws UdpPayloadFormatException {
        if (name == null) {
            throw error("bytes before the first \"payload\" line");
        }
        return bytes;
    }

    private List<Integer> ports(String spec) throws UdpPayloadFormatException {
        List<Integer> out = new ArrayList<>();
        for (String item : spec.split(",")) {
            String[] range = item.split("-", -1);
            if (range.length > 2) {
                throw error("bad port range \"" + item + "\"");
            }
            int from = port(range[0]);
            int to = range.length == 2 ? port(range[1]) : from;
            if (to < from) {
                throw error("port range \"" + item + "\" runs backwards");
            }
            for (int p = from; p <= to; p++) {
                out.add(p);
            }
        }
        return out;
    }

    private int port(String digits) throws UdpPayloadFormatException {
        try {
            int p = Integer.parseInt(digits);
            if (p < 0 || p > 65535) {
                throw error("port " + digits + " is outside 0-65535");
            }
            return p;
        } catch (NumberFormatException e) {
            throw error("\"" + digits + "\" is not a port number");
        }
    }

    private int count(String digits) throws UdpPayloadFormatException {
        try {
            int n = Integer.parseInt(digits);
            if (n < 0 || n > UdpPayload.MAX_SIZE) {
                throw error("zero " + digits + ": a count from 0 to " + UdpPayload.MAX_SIZE);
            }
            return n;
        } catch (NumberFormatException e) {
            throw error("\"zero\" takes a count, got \"" + digits + "\"");
        }
    }

    private byte[] hex(String digits) throws UdpPayloadFormatException {
        String compact = digits.replaceAll("\\s+", "");
        if (compact.length() % 2 != 0) {
            throw error("an odd number of hex digits");
        }
        byte[] out = new byte[compact.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(compact.charAt(2 * i), 16);
            int lo = Character.digit(compact.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw error("\"" + compact.substring(2 * i, 2 * i + 2) + "\" is not a hex byte");
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** A quoted string with C escapes, then at most a comment. */
    private byte[] text(String rest) throws UdpPayloadFormatException {
        if (!rest.startsWith("\"")) {
            throw error("\"text\" takes a quoted string");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 1;
        while (true) {
            if (i >= rest.length()) {
                throw error("the string has no closing quote");
            }
            char c = rest.charAt(i++);
            if (c == '"') {
                break;
            }
            if (c > 0x7e || c < 0x20) {
                throw error("write characters outside printable ASCII as \\xHH");
            }
            if (c != '\\') {
                out.write(c);
                continue;
            }
            if (i >= rest.length()) {
                throw error("the string ends inside an escape");
            }
            char e = rest.charAt(i++);
            switch (e) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '0' -> out.write(0);
                case '\\' -> out.write('\\');
                case '"' -> out.write('"');
                case 'x' -> {
                    if (i + 2 > rest.length()) {
                        throw error("\\x takes two hex digits");
                    }
                    out.writeBytes(hex(rest.substring(i, i + 2)));
                    i += 2;
                }
                default -> throw error("unknown escape \\" + e);
            }
        }
        String after = rest.substring(i).strip();
        if (!after.isEmpty() && !after.startsWith("#")) {
            throw error("text after the closing quote: " + after);
        }
        return out.toByteArray();
    }

    private static String withoutComment(String s) {
        int hash = s.indexOf('#');
        return (hash < 0 ? s : s.substring(0, hash)).strip();
    }

    private UdpPayloadFormatException error(String message) {
        return new UdpPayloadFormatException(source + ":" + lineNumber + ": " + message);
    }
}
