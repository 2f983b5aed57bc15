package dev.portolan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizingTest {

    @Test
    void hostGroupsKeepPairsBounded() {
        assertThat(HostGroups.hostsPerGroup(65536)).isEqualTo(16);
        assertThat(HostGroups.hostsPerGroup(1000)).isEqualTo(1048);
        assertThat(HostGroups.hostsPerGroup(2)).isEqualTo(HostGroups.MAX_HOSTS);
        assertThat(HostGroups.hostsPerGroup(0)).isEqualTo(HostGroups.MAX_HOSTS);
        assertThat((long) HostGroups.hostsPerGroup(1000) * 1000).isLessThanOrEqualTo(HostGroups.MAX_PAIRS);
        assertThatThrownBy(() -> HostGroups.hostsPerGroup(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fdBudgetLeavesAReserve() {
        assertThat(FdBudget.budget(1024, 24)).isEqualTo(1024 - 24 - 64);
        assertThat(FdBudget.budget(65536, 100)).isEqualTo(65536 - 100 - 4096);
        assertThat(FdBudget.budget(100, 90)).isEqualTo(8);
        assertThat(FdBudget.budget(-1, 0)).isEqualTo(FdBudget.FALLBACK);
        assertThat(FdBudget.available()).isPositive();
    }
}
