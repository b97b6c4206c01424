package org.ethercattle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ethercattle.api.VerifyReport.Finding;
import org.ethercattle.api.VerifyReport.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VerifyReportTest {

    @Test
    @DisplayName("a report is ok until a finding is damage, and fully checked until one is unchecked")
    void okAndFullyChecked() {
        VerifyReport clean = VerifyReport.of("rocksdb:/db", Finding.checked("/db", "12 table files"));
        assertThat(clean.ok()).isTrue();
        assertThat(clean.fullyChecked()).isTrue();

        VerifyReport unchecked = clean.plus(List.of(Finding.unchecked("/db/data.mdb", "no checksums")));
        assertThat(unchecked.ok()).isTrue();
        assertThat(unchecked.fullyChecked()).isFalse();

        VerifyReport damaged = unchecked.plus(List.of(Finding.damage("/db/000012.sst", "checksum mismatch")));
        assertThat(damaged.ok()).isFalse();
        assertThat(damaged.damage()).extracting(Finding::where).containsExactly("/db/000012.sst");
        assertThat(damaged.findings()).extracting(Finding::kind)
                .containsExactly(Kind.CHECKED, Kind.UNCHECKED, Kind.DAMAGE);
        assertThat(clean.findings()).hasSize(1); // plus() leaves the original alone
    }

    @Test
    @DisplayName("a finding seen from a containing store is labelled, and prints as kind: where: detail")
    void findingsLabelAndPrint() {
        Finding finding = Finding.damage("/snap/000008.sst", "block checksum mismatch").within("bottom layer");
        assertThat(finding.where()).isEqualTo("bottom layer /snap/000008.sst");
        assertThat(finding).hasToString("damage: bottom layer /snap/000008.sst: block checksum mismatch");
    }
}
