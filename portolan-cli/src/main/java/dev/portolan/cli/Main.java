package dev.portolan.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code portolan} command: subcommands for each capability. Its model is built as values ({@link OptionSpecs}),
 * not read from annotations: every start goes through it.
 */
public final class Main implements Runnable {
    private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";
    private CommandSpec spec;

    /** The command's model, with no subcommand yet. */
    static CommandSpec commandSpec() {
        Main main = new Main();
        CommandSpec spec = OptionSpecs.command(main, "portolan", null);
        spec.usageMessage()
                .description("Port and network scanner: nmap's options and accuracy, masscan's speed.")
                .footerHeading("%nEXIT CODES:%n")
                .footer("  0    the scan ran to the end",
                        "  1    some targets failed: a name did not resolve, a host timed out",
                        "  2    usage error: a bad option, target or port list, a missing file",
                        "  3    the scan could not run or could not write its results",
                        "  130  interrupted (Ctrl-C); what was found so far was written");
        spec.addOption(OptionSpec.builder("--aot-training").hidden(true).type(boolean.class).arity("0")
                .description("Loads the classes of a typical start, to record the AOT cache.").build());
        main.spec = spec;
        return spec;
    }

    @Override
    public void run() {
        if (OptionSpecs.given(spec, "--aot-training")) {
            AotTraining.run();
            return;
        }
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // Answered without building the command model: picocli's start-up is most of a plain start's time.
            for (String line : new Version().getVersion()) {
                System.out.println(line);
            }
            return;
        }
        // picocli registers a converter per java.time and java.sql type at every start, loading each class (and
        // java.sql's module) by reflection: about 10 ms. No option has such a type without a converter of its own.
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            System.setProperty(CONVERTER_EXCLUDES, "java\\.sql\\..*,java\\.time\\..*");
        }
        // Reports on stdout ("-oX -") get the raw bytes, UTF-8 as they declare, whatever the locale's charset.
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.out));
    }

    /** Runs the command line and returns the exit code; reports to stdout go to {@code out} too. For tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, null);
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter)}; {@code stdout}, if not null, takes reports to "-". */
    static int run(String[] args, PrintWriter out, PrintWriter err, java.io.OutputStream stdout) {
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (sub.getCommand() instanceof ScanCommand scan) {
                scan.stdout = stdout;
            } else if (sub.getCommand() instanceof DiscoverCommand discover) {
                discover.stdout = stdout;
            }
        }
        return cli.execute(args);
    }

    /** The subcommands by name; each is built only when the command line needs it, to keep start-up short. */
    private static final java.util.Map<String, java.util.function.Supplier<Object>> SUBCOMMANDS =
            java.util.Map.of("scan", ScanCommand::commandSpec, "discover", DiscoverCommand::commandSpec);

    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(commandSpec());
        String first = args.length == 0 ? "" : args[0];
        if (SUBCOMMANDS.containsKey(first)) {
            cli.addSubcommand(first, SUBCOMMANDS.get(first).get());
        } else if (!first.equals("--version") && !first.equals("-V")) {
            new java.util.TreeMap<>(SUBCOMMANDS).forEach((name, make) -> cli.addSubcommand(name, make.get()));
        }
        cli.getSubcommands().values().forEach(sub -> sub.setHelpFactory(new NmapHelpLayout()));
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UsageException || e instanceof IllegalArgumentException) {
                commandLine.getErr().println("portolan: " + describe(e));
                return ExitCode.USAGE;
            }
            commandLine.getErr().println("portolan: " + describe(e));
            return ExitCode.FAILED;
        });
        return cli;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        boolean unknownCommand = cmd.getParent() == null && args.length > 0 && !args[0].startsWith("-")
                && !SUBCOMMANDS.containsKey(args[0]);
        cmd.getErr().println("portolan: " + (unknownCommand ? "unknown command '" + args[0] + "'; the commands are "
                + String.join(", ", new java.util.TreeSet<>(SUBCOMMANDS.keySet())) : e.getMessage()));
        String command = cmd.getCommandName().equals("portolan") ? "" : cmd.getCommandName() + " ";
        cmd.getErr().println("Try 'portolan " + command + "--help' for the options.");
        return ExitCode.USAGE;
    }

    /** One line for an unexpected failure: the message, or the exception's kind when it has none. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
