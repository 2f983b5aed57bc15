package dev.portolan.lab.bench;

import dev.portolan.lab.PortolanLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@code ./bench} was asked to do.
 *
 * @param scenarios scenario names, in order
 * @param portolan the Portolan launcher, before its arguments
 * @param portolanArgs Portolan's argument template: {ports}, {target} and {xml} are filled in
 * @param standIn whether nmap stands in for Portolan (to exercise the harness before the CLI exists)
 * @param clean whether to run the clean path
 * @param loss loss probability each way for the lossy path, or 0 to skip it
 * @param timeout the longest one tool may run on one path
 * @param out where the XML reports and the table are written
 * @param repeat how many times each tool runs on each path (the table shows the median wall time)
 */
public record BenchOptions(List<String> scenarios, List<String> portolan, String portolanArgs, boolean standIn,
                           boolean clean, double loss, Duration timeout, Path out, int repeat) {
    /** The JSON report carries Portolan's own probe count and scan time: the rate masscan is then given. */
    public static final String DEFAULT_PORTOLAN_ARGS = "scan {technique} {ports} -Pn -n {target} -oX {xml} -oJ {json}";
    /**
     * nmap's arguments; -n because the lab has no DNS server and reverse lookups would only add waiting; {timing} is
     * -T4 (-T5 for the sweep) and {interface} is -e with the lab link for the sweep, whose range is behind a gateway.
     */
    public static final String NMAP_ARGS = "-n {technique} {timing} {ports} -Pn {interface} {target} -oX {xml}";
    public static final String USAGE = """
            usage: ./bench [options] [scenario ...]      (default scenario: connect)
              --portolan "CMD"        Portolan launcher (./bench passes ./portolan through -Dportolan.cmd; without
                                      either: java --enable-native-access=ALL-UNNAMED -cp
                                      portolan-cli/target/portolan-cli.jar:portolan-cli/target/lib/* dev.portolan.cli.Main)
              --portolan-args "ARGS"  Portolan arguments (default: %s;
                                      {technique} is -sT or -sS by scenario, {json} feeds masscan's rate)
              --nmap-as-portolan      run nmap in Portolan's place (tests the harness before the CLI exists)
              --paths clean,loss      which paths to run (default: both)
              --loss P                loss probability each way on the lossy path (default: 0.02)
              --timeout T             longest run of one tool on one path: 900s, 15m, 1h (default: 15m)
              --out DIR               where reports go (default: target/bench/<time>)
              --repeat N              run each tool N times per path, alternating; the table shows the median
                                      (port-scan scenarios; the sweep runs each tool once per range)
            scenarios:
            %s
            masscan runs in the syn and sweep scenarios when installed; without it its rows are left out.
            """.formatted(DEFAULT_PORTOLAN_ARGS, scenarioLines());

    private static String scenarioLines() {
        StringBuilder sb = new StringBuilder();
        Scenarios.all().values().forEach(s -> sb.append("  ").append(String.format("%-15s", s.name()))
                .append(s.description()).append('\n'));
        return sb.toString().stripTrailing();
    }

    public BenchOptions {
        scenarios = List.copyOf(scenarios);
        portolan = List.copyOf(portolan);
        Objects.requireNonNull(portolanArgs, "portolanArgs");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(out, "out");
        if (repeat < 1) {
            throw new BenchUsageException("--repeat must be 1 or more, got " + repeat);
        }
    }

    /** The constructor of the one-run options, as before --repeat existed. */
    public BenchOptions(List<String> scenarios, List<String> portolan, String portolanArgs, boolean standIn,
                        boolean clean, double loss, Duration timeout, Path out) {
        this(scenarios, portolan, portolanArgs, standIn, clean, loss, timeout, out, 1);
    }

    /** Reads the command line; {@code home} is the repository root, {@code portolanProperty} -Dportolan.cmd. */
    public static BenchOptions parse(List<String> args, Path home, String portolanProperty) {
        List<String> scenarios = new ArrayList<>();
        List<String> portolan = portolanProperty == null || portolanProperty.isBlank()
                ? defaultPortolan(home) : split(portolanProperty);
        String portolanArgs = DEFAULT_PORTOLAN_ARGS;
        boolean standIn = false;
        boolean clean = true;
        double loss = 0.02;
        boolean lossPath = true;
        Duration timeout = Duration.ofMinutes(15);
        Path out = null;
        int repeat = 1;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--portolan" -> portolan = split(value(args, ++i, a));
                case "--portolan-args" -> portolanArgs = value(args, ++i, a);
                case "--nmap-as-portolan" -> standIn = true;
                case "--paths" -> {
                    String v = value(args, ++i, a);
                    clean = false;
                    lossPath = false;
                    for (String p : v.split(",", -1)) {
                        switch (p.strip()) {
                            case "clean" -> clean = true;
                            case "loss" -> lossPath = true;
                            default -> throw new BenchUsageException("unknown path '" + p + "' (use clean, loss)");
                        }
                    }
                }
                case "--loss" -> loss = probability(value(args, ++i, a));
                case "--timeout" -> timeout = duration(value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--repeat" -> repeat = count(value(args, ++i, a));
                default -> {
                    if (a.startsWith("-")) {
                        throw new BenchUsageException("unknown option: " + a);
                    }
                    if (!Scenarios.all().containsKey(a)) {
                        throw new BenchUsageException("unknown scenario: " + a + " (known: "
                                + String.join(", ", Scenarios.all().keySet()) + ")");
                    }
                    scenarios.add(a);
                }
            }
        }
        if (scenarios.isEmpty()) {
            scenarios.add("connect");
        }
        if (portolan.isEmpty()) {
            throw new BenchUsageException("empty Portolan command");
        }
        if (out == null) {
            out = home.resolve("target").resolve("bench")
                    .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        return new BenchOptions(scenarios, portolan, portolanArgs, standIn, clean, lossPath ? loss : 0, timeout, out,
                repeat);
    }

    private static int count(String text) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= 50) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BenchUsageException("--repeat needs a whole number from 1 to 50: '" + text + "'");
    }

    /** java (this JDK) with the CLI jar and its libraries, as the brief of the CLI says it is run. */
    static List<String> defaultPortolan(Path home) {
        return PortolanLauncher.builtJars(home).prefix();
    }

    private static List<String> split(String command) {
        return Arrays.stream(command.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new BenchUsageException(option + " needs a value");
        }
        return args.get(i);
    }

    private static double probability(String text) {
        try {
            double p = Double.parseDouble(text);
            if (p > 0 && p < 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BenchUsageException("--loss needs a probability between 0 and 1: '" + text + "'");
    }

    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("ms")) {
            throw new BenchUsageException("--timeout is whole seconds, minutes or hours: '" + text + "'");
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unit = 60;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            unit = 3600;
            t = t.substring(0, t.length() - 1);
        }
        if (t.isEmpty() || t.length() > 6 || !t.chars().allMatch(Character::isDigit) || Long.parseLong(t) == 0) {
            throw new BenchUsageException("--timeout needs a time like 900s, 15m or 1h: '" + text + "'");
        }
        return Duration.ofSeconds(Long.parseLong(t) * unit);
    }

    /** Which paths to run, each with its loss probability (0 for the clean one). */
    public List<Double> pathLosses() {
        List<Double> paths = new ArrayList<>();
        if (clean) {
            paths.add(0.0);
        }
        if (loss > 0) {
            paths.add(loss);
        }
        return paths;
    }
}
