package io.threebot.deployer.stellar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StroopsTest {
    @Test
    void amountsAreExactToTheStroop() {
        assertThat(Stroops.format(1)).isEqualTo("0.0000001");
        assertThat(Stroops.parse("0.0000001")).isEqualTo(1);
        assertThat(Stroops.parse("46.5797")).isEqualTo(465_797_000L);
        assertThat(Stroops.parse("922337203685.4775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(Stroops.parse(Stroops.format(123_456_789_012_345L))).isEqualTo(123_456_789_012_345L);
    }

    @Test
    void whatIsNotAStellarAmountIsATypedError() {
        for (String bad : new String[] {"0.00000001", "-1.0", "0", "1e3", "922337203685.4775808", "", " 1", "NaN"}) {
            assertThatThrownBy(() -> Stroops.parse(bad)).as(bad).isInstanceOf(HorizonAnswerException.class);
        }
        assertThatThrownBy(() -> Stroops.parse(null)).isInstanceOf(HorizonAnswerException.class);
    }
}
