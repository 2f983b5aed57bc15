package dev.portolan.service.probe;

import dev.portolan.target.PortSpecException;
import dev.portolan.target.Protocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads Portolan's own signature format (docs/service-probes.md): one "keyword value" per line, the value taken
 * verbatim to the end of the line, so patterns need no quoting. Patterns are java.util.regex over the response
 * as ISO-8859-1 text; "{{name}}" in a pattern stands for a "define name …" line above it.
 */
public final class PortolanProbeParser {
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{([A-Za-z][\\w-]*)}}");

    private final String file;
    private final List<Probe> probes = new ArrayList<>();
    private final List<Exclude> excludes = new ArrayList<>();
    private final Map<String, String> defines = new HashMap<>();
    private ProbeDraft probe;
    private MatchDraft match;

    private PortolanProbeParser(String file) {
        this.file = file;
    }

    /** A match or softmatch line being read, with its field lines. */
    private static final class MatchDraft {
        final String service;
        final boolean soft;
        final int line;
        String pattern;
        String flags;
        String product;
        String version;
        final List<String> info = new ArrayList<>();
        String host;
        String os;
        String device;
        final List<String> cpes = new ArrayList<>();

        MatchDraft(String service, boolean soft, int line) {
            this.service = service;
            this.soft = soft;
            this.line = line;
        }
    }

    /** The probes in {@code text}; an error throws ProbeFormatException naming {@code file} and the line. */
    public static ProbeCatalog parse(Reader text, String file) throws IOException {
        return new PortolanProbeParser(file).read(text);
    }

    private ProbeCatalog read(Reader text) throws IOException {
        BufferedReader in = new BufferedReader(text);
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            String body = line.strip();
            if (body.isEmpty() || body.startsWith("#")) {
                continue;
            }
            int space = body.indexOf(' ');
            int tab = body.indexOf('\t');
            int cut = space < 0 ? tab : tab < 0 ? space : Math.min(space, tab);
            String keyword = cut < 0 ? body : body.substring(0, cut);
            String value = cut < 0 ? "" : body.substring(cut + 1).strip();
            try {
                directive(keyword, value, number);
            } catch (PatternSyntaxException e) {
                throw new ProbeFormatException(file, number, "pattern does not compile: " + e.getDescription()
                        + " near index " + e.getIndex());
            } catch (PortSpecException e) {
                throw new ProbeFormatException(file, number, e.getMessage());
            } catch (IllegalArgumentException e) {
                throw e instanceof ProbeFormatException p ? p : new ProbeFormatException(file, number, e.getMessage());
            }
        }
        finishProbe(number + 1);
        try {
            return ProbeCatalog.of(probes, excludes);
        } catch (IllegalArgumentException e) {
            throw new ProbeFormatException(file, number, e.getMessage());
        }
    }

    private void directive(String keyword, String value, int line) {
        switch (keyword) {
            case "define" -> define(value);
            case "exclude" -> excludes.add(new Exclude(ProbeDraft.excluded(required(keyword, value))));
            case "probe" -> {
                finishProbe(line);
                String[] parts = required(keyword, value).split("\\s+");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("probe needs a protocol (tcp or udp) and a name");
                }
                Protocol protocol = switch (parts[0].toLowerCase(Locale.ROOT)) {
                    case "tcp" -> Protocol.TCP;
                    case "udp" -> Protocol.UDP;
                    default -> throw new IllegalArgumentException("probe protocol must be tcp or udp, got \""
                            + parts[0] + "\"");
                };
                probe = new ProbeDraft(protocol, parts[1], new byte[0], false);
            }
            case "send" -> {
                needProbe(keyword).payload(Escapes.unescape(required(keyword, value)));
            }
            case "no-payload" -> {
                needProbe(keyword).noPayload();
            }
            case "ports" -> needProbe(keyword).ports(required(keyword, value));
            case "sslports" -> needProbe(keyword).sslPorts(required(keyword, value));
            case "rarity" -> needProbe(keyword).rarity(value);
            case "wait" -> needProbe(keyword).totalWaitMs(value);
            case "tcpwrapped" -> needProbe(keyword).tcpWrappedMs(value);
            case "fallback" -> needProbe(keyword).fallbacks(required(keyword, value));
            case "match", "softmatch" -> {
                finishMatch();
                needProbe(keyword);
                if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException(keyword + " needs one service name");
                }
                match = new MatchDraft(value, keyword.equals("softmatch"), line);
            }
            case "pattern" -> {
                MatchDraft m = needMatch(keyword);
                once(m.pattern, keyword);
                m.pattern = expandDefines(required(keyword, value));
            }
            case "flags" -> {
                MatchDraft m = needMatch(keyword);
                once(m.flags, keyword);
                if (!value.matches("[is]+")) {
                    throw new IllegalArgumentException("flags are i and s, got \"" + value + "\"");
                }
                m.flags = value;
            }
            case "product" -> needMatch(keyword).product = field(needMatch(keyword).product, keyword, value);
            case "version" -> needMatch(keyword).version = field(needMatch(keyword).version, keyword, value);
            case "host" -> needMatch(keyword).host = field(needMatch(keyword).host, keyword, value);
            case "os" -> needMatch(keyword).os = field(needMatch(keyword).os, keyword, value);
            case "device" -> needMatch(keyword).device = field(needMatch(keyword).device, keyword, value);
            case "info" -> needMatch(keyword).info.add(field(null, keyword, value));
            case "cpe" -> {
                String cpe = field(null, keyword, value);
                needMatch(keyword).cpes.add(cpe.startsWith("cpe:/") ? cpe : "cpe:/" + cpe);
            }
            default -> throw new IllegalArgumentException("unknown keyword \"" + keyword + "\"");
        }
    }

    private void define(String value) {
        String[] parts = value.split("\\s+", 2);
        if (parts.length != 2 || !parts[0].matches("[A-Za-z][\\w-]*")) {
            throw new IllegalArgumentException("define needs a name and a value");
        }
        if (defines.putIfAbsent(parts[0], expandDefines(parts[1])) != null) {
            throw new IllegalArgumentException("define " + parts[0] + " given twice");
        }
    }

    private String expandDefines(String pattern) {
        Matcher m = REFERENCE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = defines.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("{{" + m.group(1) + "}} is not defined above");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static String required(String keyword, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(keyword + " needs a value");
        }
        return value;
    }

    private static void once(Object value, String keyword) {
        if (value != null) {
            throw new IllegalArgumentException(keyword + " given twice for one match");
        }
    }

    private static String field(String old, String keyword, String value) {
        once(old, keyword);
        TemplateExpander.validate(required(keyword, value));
        return value;
    }

    private ProbeDraft needProbe(String keyword) {
        if (probe == null) {
            throw new IllegalArgumentException(keyword + " before any probe line");
        }
        if (match != null && !keyword.equals("match") && !keyword.equals("softmatch")) {
            throw new IllegalArgumentException(keyword + " belongs before the probe's first match");
        }
        return probe;
    }

    private MatchDraft needMatch(String keyword) {
        if (match == null) {
            throw new IllegalArgumentException(keyword + " outside a match");
        }
        return match;
    }

    private void finishMatch() {
        if (match == null) {
            return;
        }
        MatchDraft m = match;
        match = null;
        if (m.pattern == null) {
            throw new ProbeFormatException(file, m.line, m.service + " match has no pattern line");
        }
        boolean i = m.flags != null && m.flags.contains("i");
        boolean s = m.flags != null && m.flags.contains("s");
        Pattern compiled;
        try {
            compiled = Pattern.compile(m.pattern, Pattern.UNIX_LINES | (i ? Pattern.CASE_INSENSITIVE : 0)
                    | (s ? Pattern.DOTALL : 0));
        } catch (PatternSyntaxException e) {
            throw new ProbeFormatException(file, m.line, "pattern does not compile: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
        VersionTemplate t = new VersionTemplate(orEmpty(m.product), orEmpty(m.version), m.info, orEmpty(m.host),
                orEmpty(m.os), orEmpty(m.device), m.cpes);
        probe.signatures.add(new Signature(m.service, m.soft, new SignaturePattern(m.pattern, i, s, compiled), t,
                file + ":" + m.line));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private void finishProbe(int line) {
        finishMatch();
        if (probe != null) {
            probes.add(probe.build(Probe.Source.PORTOLAN));
            probe = null;
        }
    }
}
