package dev.portolan.service.probe;

import dev.portolan.target.PortSpecException;
import dev.portolan.target.Protocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Reads nmap's nmap-service-probes format: Probe, match, softmatch, ports, sslports, rarity, totalwaitms,
 * tcpwrappedms, fallback, Exclude and comments. Patterns are PCRE, translated by {@link PcreTranslator}. Read the
 * text as ISO-8859-1 so that every byte of a pattern or payload stays one char.
 */
public final class NmapProbeParser {
    private final String file;
    private final boolean lenient;
    private final List<String> skipped = new ArrayList<>();

    private NmapProbeParser(String file, boolean lenient) {
        this.file = file;
        this.lenient = lenient;
    }

    /**
     * The probes and excludes in {@code text}; any error throws ProbeFormatException naming {@code file} and the
     * line.
     */
    public static ProbeCatalog parse(Reader text, String file) throws IOException {
        return new NmapProbeParser(file, false).read(text);
    }

    /**
     * Like {@link #parse}, but a match line whose pattern does not compile is left out and its error added to
     * {@code skipped} instead of failing the whole file (a newer nmap may use PCRE features Java lacks).
     */
    public static ProbeCatalog parseLenient(Reader text, String file, List<String> skipped) throws IOException {
        NmapProbeParser p = new NmapProbeParser(file, true);
        ProbeCatalog catalog = p.read(text);
        skipped.addAll(p.skipped);
        return catalog;
    }

    private ProbeCatalog read(Reader text) throws IOException {
        List<Probe> probes = new ArrayList<>();
        List<Exclude> excludes = new ArrayList<>();
        ProbeDraft draft = null;
        BufferedReader in = new BufferedReader(text);
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            String body = line.strip();
            if (body.isEmpty() || body.startsWith("#")) {
                continue;
            }
            int space = indexOfSpace(body);
            String directive = space < 0 ? body : body.substring(0, space);
            String rest = space < 0 ? "" : body.substring(space + 1).strip();
            try {
                switch (directive) {
                    case "Probe" -> {
                        if (draft != null) {
                            probes.add(draft.build(Probe.Source.NMAP));
                        }
                        draft = probe(rest);
                    }
                    case "Exclude" -> excludes.add(new Exclude(ProbeDraft.excluded(rest)));
                    case "match", "softmatch" -> {
                        Signature s = signature(rest, directive.equals("softmatch"), number);
                        if (s != null) {
                            need(draft, directive).signatures.add(s);
                        }
                    }
                    case "ports" -> need(draft, directive).ports(rest);
                    case "sslports" -> need(draft, directive).sslPorts(rest);
                    case "rarity" -> need(draft, directive).rarity(rest);
                    case "totalwaitms" -> need(draft, directive).totalWaitMs(rest);
                    case "tcpwrappedms" -> need(draft, directive).tcpWrappedMs(rest);
                    case "fallback" -> need(draft, directive).fallbacks(rest);
                    default -> throw new IllegalArgumentException("unknown directive \"" + directive + "\"");
                }
            } catch (PatternSyntaxException e) {
                throw new ProbeFormatException(file, number, "pattern does not compile: " + oneLine(e));
            } catch (PortSpecException e) {
                throw new ProbeFormatException(file, number, e.getMessage());
            } catch (IllegalArgumentException e) {
                throw e instanceof ProbeFormatException p ? p : new ProbeFormatException(file, number, e.getMessage());
            }
        }
        if (draft != null) {
            probes.add(draft.build(Probe.Source.NMAP));
        }
        try {
            return ProbeCatalog.of(probes, excludes);
        } catch (IllegalArgumentException e) {
            throw new ProbeFormatException(file, number, e.getMessage());
        }
    }

    private static String oneLine(PatternSyntaxException e) {
        return e.getDescription() + " near index " + e.getIndex();
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    private static ProbeDraft need(ProbeDraft draft, String directive) {
        if (draft == null) {
            throw new IllegalArgumentException(directive + " before any Probe line");
        }
        return draft;
    }

    /** "TCP GetRequest q|GET / HTTP/1.0\r\n\r\n| [no-payload]". */
    private static ProbeDraft probe(String rest) {
        String[] parts = rest.split("[ \t]+", 3);
        if (parts.length < 3) {
            throw new IllegalArgumentException("Probe needs a protocol, a name and q|payload|");
        }
        Protocol protocol = switch (parts[0]) {
            case "TCP" -> Protocol.TCP;
            case "UDP" -> Protocol.UDP;
            default -> throw new IllegalArgumentException("Probe protocol must be TCP or UDP, got \"" + parts[0]
                    + "\"");
        };
        String q = parts[2];
        if (q.length() < 3 || q.charAt(0) != 'q') {
            throw new IllegalArgumentException("Probe payload must be q followed by a delimited string");
        }
        char delimiter = q.charAt(1);
        int end = q.indexOf(delimiter, 2);
        if (end < 0) {
            throw new IllegalArgumentException("Probe payload has no closing " + delimiter);
        }
        String after = q.substring(end + 1).strip();
        if (!after.isEmpty() && !after.equals("no-payload")) {
            throw new IllegalArgumentException("unexpected \"" + after + "\" after the Probe payload");
        }
        return new ProbeDraft(protocol, parts[1], Escapes.unescape(q.substring(2, end)), !after.isEmpty());
    }

    /** "ssh m|^SSH-([\d.]+)-|s p/OpenSSH/ v/$1/ cpe:/a:openbsd:openssh:$1/a"; null when skipped (lenient). */
    private Signature signature(String rest, boolean soft, int line) {
        int space = indexOfSpace(rest);
        if (space < 0) {
            throw new IllegalArgumentException("match needs a service name and m/pattern/");
        }
        String service = rest.substring(0, space);
        String text = rest.substring(space + 1).stripLeading();
        if (text.length() < 3 || text.charAt(0) != 'm') {
            throw new IllegalArgumentException("match pattern must be m followed by a delimited pattern");
        }
        char delimiter = text.charAt(1);
        int end = text.indexOf(delimiter, 2);
        if (end < 0) {
            throw new IllegalArgumentException("match pattern has no closing " + delimiter);
        }
        String source = text.substring(2, end);
        int i = end + 1;
        boolean caseInsensitive = false;
        boolean dotAll = false;
        for (; i < text.length() && text.charAt(i) != ' ' && text.charAt(i) != '\t'; i++) {
            switch (text.charAt(i)) {
                case 'i' -> caseInsensitive = true;
                case 's' -> dotAll = true;
                default -> throw new IllegalArgumentException("unknown pattern option '" + text.charAt(i) + "'");
            }
        }
        VersionTemplate template = template(text.substring(i));
        SignaturePattern pattern;
        try {
            pattern = new SignaturePattern(source, caseInsensitive, dotAll,
                    PcreTranslator.compile(source, caseInsensitive, dotAll));
        } catch (PatternSyntaxException e) {
            if (!lenient) {
                throw e;
            }
            skipped.add(file + " line " + line + ": " + oneLine(e));
            return null;
        }
        return new Signature(service, soft, pattern, template, file + ":" + line);
    }

    /** The version fields: p/…/ v/…/ i/…/ h/…/ o/…/ d/…/ cpe:/…/[a], each with any delimiter. */
    static VersionTemplate template(String text) {
        String[] fields = {"", "", "", "", "", ""};
        List<String> cpes = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            if (i >= text.length()) {
                break;
            }
            boolean cpe = text.startsWith("cpe:", i);
            int field = cpe ? -1 : "pvihod".indexOf(text.charAt(i));
            if (!cpe && field < 0) {
                throw new IllegalArgumentException("unknown version field at \"" + text.substring(i) + "\"");
            }
            int open = i + (cpe ? 4 : 1);
            if (open >= text.length()) {
                throw new IllegalArgumentException("version field without a value at \"" + text.substring(i) + "\"");
            }
            char delimiter = text.charAt(open);
            int close = text.indexOf(delimiter, open + 1);
            if (close < 0) {
                throw new IllegalArgumentException("version field has no closing " + delimiter);
            }
            String value = text.substring(open + 1, close);
            TemplateExpander.validate(value);
            i = close + 1;
            if (cpe) {
                if (i < text.length() && text.charAt(i) == 'a') {
                    i++;
                }
                cpes.add("cpe:/" + value);
            } else {
                fields[field] = value;
            }
        }
        return new VersionTemplate(fields[0], fields[1], fields[2].isEmpty() ? List.of() : List.of(fields[2]),
                fields[3], fields[4], fields[5], cpes);
    }
}
