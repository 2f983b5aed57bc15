package dev.portolan.net;

import static dev.portolan.net.BpfInstruction.JEQ;
import static dev.portolan.net.BpfInstruction.JMP;
import static dev.portolan.net.BpfInstruction.K;
import static dev.portolan.net.BpfInstruction.LD;
import static dev.portolan.net.BpfInstruction.RET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BpfProgramTest {
    private static final BpfInstruction RET_ALL = BpfInstruction.statement(RET | K, -1);

    @Test
    void aProgramMustEndWithAReturnAndJumpInsideItself() {
        assertThatThrownBy(() -> new BpfProgram(List.of())).hasMessage("a BPF program has 1..4096 instructions, got 0");
        assertThatThrownBy(() -> BpfProgram.of(BpfInstruction.statement(LD, 1)))
                .hasMessage("a BPF program must end with a return, not { 0x00, 0, 0, 0x00000001 }");
        assertThatThrownBy(() -> BpfProgram.of(BpfInstruction.jump(JMP | JEQ | K, 1, 0, 1), RET_ALL))
                .hasMessage("BPF instruction 0 { 0x15, 0, 1, 0x00000001 } jumps past the end");
        assertThatThrownBy(() -> BpfProgram.of(BpfInstruction.statement(JMP, 5), RET_ALL))
                .hasMessageEndingWith("jumps past the end");
        List<BpfInstruction> tooLong = new ArrayList<>(Collections.nCopies(4097, RET_ALL));
        assertThatThrownBy(() -> new BpfProgram(tooLong))
                .hasMessage("a BPF program has 1..4096 instructions, got 4097");
    }

    @Test
    void instructionsAreCheckedAndImmutable() {
        assertThatThrownBy(() -> new BpfInstruction(0x10000, 0, 0, 0)).hasMessageContaining("opcode 65536");
        assertThatThrownBy(() -> new BpfInstruction(0, 256, 0, 0)).hasMessageContaining("256/0");
        List<BpfInstruction> list = new ArrayList<>(List.of(BpfInstruction.jump(JMP | JEQ | K, 7, 0, 1), RET_ALL,
                RET_ALL));
        BpfProgram p = new BpfProgram(list);
        list.clear();
        assertThat(p.size()).isEqualTo(3);
        assertThat(p.instructions().getFirst().instructionClass()).isEqualTo(JMP);
        assertThat(p).isEqualTo(BpfProgram.of(BpfInstruction.jump(JMP | JEQ | K, 7, 0, 1), RET_ALL, RET_ALL));
    }
}
