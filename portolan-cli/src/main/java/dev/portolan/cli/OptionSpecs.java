package dev.portolan.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The commands' picocli models built as values rather than read from annotations. Reading an annotation makes the
 * JDK generate a proxy class for its type at run time (some 5 ms each, none of which an AOT cache keeps, plus the
 * compiler's time for the class-file code that makes them), and every start reads them: a scan starts about 45 ms
 * sooner without. Each option group describes its options ({@code spec}) and takes their values back after parsing
 * ({@code bind}).
 */
final class OptionSpecs {
    private OptionSpecs() {
    }

    /** An option that takes no value: true when given. */
    static OptionSpec flag(String description, String... names) {
        return OptionSpec.builder(names).type(boolean.class).arity("0").description(description).build();
    }

    /** A flag that may be given several times ({@code -vv}): how many times it was is the array's length. */
    static OptionSpec repeatable(String description, String... names) {
        return OptionSpec.builder(names).type(boolean[].class).arity("0").description(description).build();
    }

    /** An option with one value of {@code type}, shown as {@code label}. */
    static OptionSpec value(String label, Class<?> type, String description, String... names) {
        return OptionSpec.builder(names).type(type).paramLabel(label).description(description).build();
    }

    /** An option with one value made by {@code converter}. */
    static OptionSpec value(String label, Class<?> type, CommandLine.ITypeConverter<?> converter, String description,
                            String... names) {
        return OptionSpec.builder(names).type(type).converters(converter).paramLabel(label).description(description)
                .build();
    }

    /**
     * An option that may be given several times, each time one value of type {@code element} (and, with {@code split},
     * a list of them).
     */
    static OptionSpec list(String label, Class<?> element, String split, String description, String... names) {
        OptionSpec.Builder b = OptionSpec.builder(names).type(List.class).auxiliaryTypes(element)
                .paramLabel(label).description(description);
        if (split != null) {
            b.splitRegex(split);
        }
        return b.build();
    }

    /** The values of a command's positional parameters ({@link #targets}) in the last parse. */
    static List<String> positionals(CommandSpec spec) {
        List<String> given = spec.positionalParameters().getFirst().getValue();
        return given == null ? new ArrayList<>() : new ArrayList<>(given);
    }

    /** A help section of options, in the order given, at place {@code order} among the sections. */
    static ArgGroupSpec group(String heading, int order, OptionSpec... options) {
        ArgGroupSpec.Builder b = ArgGroupSpec.builder().validate(false).exclusive(false).heading(heading).order(order);
        for (OptionSpec o : options) {
            b.addArg(o);
        }
        return b.build();
    }

    /** The targets a command takes after its options. */
    private static PositionalParamSpec targets(String description) {
        return PositionalParamSpec.builder().paramLabel("TARGET").arity("0..*").type(List.class)
                .auxiliaryTypes(String.class).description(description).build();
    }

    /**
     * A command with picocli's -h and -V (what {@code mixinStandardHelpOptions} would add, itself read from
     * annotations), {@code separator} between an option and its value in help and parsing.
     */
    static CommandSpec command(Object userObject, String name, String separator) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(userObject).name(name);
        spec.versionProvider(new Version());
        if (separator != null) {
            spec.parser().separator(separator);
        }
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    /**
     * A command of {@code portolan} that takes options, then targets ({@code targets} says which kinds), with its
     * one-line {@code description} and {@code examples} (command lines) below the options.
     */
    static CommandSpec subcommand(Object userObject, String name, String description, String targets,
                                  String... examples) {
        String[] footer = new String[examples.length];
        for (int i = 0; i < examples.length; i++) {
            footer[i] = "  " + examples[i];
        }
        CommandSpec spec = command(userObject, name, " ");
        spec.usageMessage().sortOptions(false).autoWidth(true)
                .customSynopsis("portolan " + name + " [OPTIONS] TARGET...")
                .description(description)
                .footerHeading("%nEXAMPLES:%n")
                .footer(footer);
        spec.addPositional(targets(targets));
        return spec;
    }

    /** The value given for option {@code name} in the last parse, or {@code fallback} when it was not given. */
    @SuppressWarnings("unchecked")
    static <T> T given(CommandSpec spec, String name, T fallback) {
        OptionSpec option = spec.findOption(name);
        if (option == null) {
            throw new IllegalArgumentException("no option " + name + " in " + spec.name());
        }
        Object value = option.getValue();
        return value == null ? fallback : (T) value;
    }

    /** Whether flag {@code name} was given. */
    static boolean given(CommandSpec spec, String name) {
        return given(spec, name, Boolean.FALSE);
    }
}
