package dev.portolan.service.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class TemplateExpanderTest {
    private static final IntFunction<String> GROUPS = Map.of(1, "4_2_1", 2, "a\u0001b\u00ffc", 3, "\u0001\u0002",
            4, "")::get;

    @Test
    void substitutions() {
        assertThat(TemplateExpander.expand("v$1 x", GROUPS)).isEqualTo("v4_2_1 x");
        assertThat(TemplateExpander.expand("$SUBST(1,\"_\",\".\")", GROUPS)).isEqualTo("4.2.1");
        assertThat(TemplateExpander.expand("$SUBST(1, \"_\", \"\")", GROUPS)).isEqualTo("421");
        assertThat(TemplateExpander.expand("$P(2)", GROUPS)).isEqualTo("abc");
        assertThat(TemplateExpander.expand("$I(3,\">\")", GROUPS)).isEqualTo("258");
        assertThat(TemplateExpander.expand("$I(3,\"<\")", GROUPS)).isEqualTo("513");
        assertThat(TemplateExpander.expand("[$9]", GROUPS)).isEqualTo("[]");
        assertThat(TemplateExpander.expand("$ literal $x", GROUPS)).isEqualTo("$ literal $x");
        assertThat(TemplateExpander.expand("$I(5,\">\")", n -> "\u00ff".repeat(8))).isEqualTo("18446744073709551615");
    }

    @Test
    void optionalParts() {
        assertThat(TemplateExpander.expandPart("protocol $4", GROUPS)).isEmpty();
        assertThat(TemplateExpander.expandPart("$4 and $1", GROUPS)).isEqualTo(" and 4_2_1");
        assertThat(TemplateExpander.expandPart("fixed text", GROUPS)).isEqualTo("fixed text");
        assertThat(TemplateExpander.cpe("a:x:Big Product:$1", GROUPS)).isEqualTo("a:x:big_product:4_2_1");
    }

    @Test
    void badSubstitutionsAreRefusedWhenRead() {
        TemplateExpander.validate("$1 $P(2) $SUBST(1,\"a\",\"b\") $I(1,\"<\") $ $x");
        assertThatThrownBy(() -> TemplateExpander.validate("$P(x)")).hasMessage(
                "bad substitution in template \"$P(x)\"");
        assertThatThrownBy(() -> TemplateExpander.validate("$SUBST(1,a,b)")).isInstanceOf(
                IllegalArgumentException.class);
    }
}
