package io.omnicase.audit.web;

import io.omnicase.http.InvalidFieldException;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PdfZoneTest {

    @Test
    void writesThePdfInTheZoneThePageNamesAndInUtcWithoutOne() {
        assertThat(AuditController.zoneOf("Europe/Berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(AuditController.zoneOf("America/Argentina/Buenos_Aires")).isEqualTo(ZoneId.of("America/Argentina/Buenos_Aires"));
        // Named as a reader knows it ("UTC"), not as the offset's id ("Z").
        assertThat(AuditController.zoneOf(null).getId()).isEqualTo("UTC");
        assertThat(AuditController.zoneOf("UTC")).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void refusesWhatIsNoRegionNamingTheField() {
        for (String zone : new String[]{"Mars/Olympus", "CST", "+05:00", "GMT+5", "../../etc/passwd"}) {
            assertThatThrownBy(() -> AuditController.zoneOf(zone)).as(zone).isInstanceOf(InvalidFieldException.class)
                    .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo("zone"));
        }
    }
}
