package org.ethercattle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReservedKeysTest {

    @Test
    @DisplayName("reserved keys start with the prefix and are recognised; chain keys are not")
    void recognisesReservedKeys() {
        byte[] checkpoint = ReservedKeys.key("checkpoint/mainnet");
        assertThat(ReservedKeys.isReserved(checkpoint)).isTrue();
        assertThat(ReservedKeys.isReserved(ReservedKeys.PREFIX)).isTrue();
        assertThat(ReservedKeys.isReserved("LastHeader".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(ReservedKeys.isReserved(new byte[] {0, 'c', 'a'})).isFalse();
        assertThat(ReservedKeys.isReserved(new byte[0])).isFalse();
    }
}
