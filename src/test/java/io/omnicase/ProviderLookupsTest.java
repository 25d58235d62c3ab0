package io.omnicase;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.xml.datatype.DatatypeFactory;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Naming the providers changes which lookup finds them, never which implementation is used. */
class ProviderLookupsTest {

    private final Map<String, String> before = new HashMap<>();

    @BeforeEach
    void clear() {
        ProviderLookups.PROVIDERS.keySet().forEach(api -> {
            before.put(api, System.getProperty(api));
            System.clearProperty(api);
        });
    }

    @AfterEach
    void restore() {
        before.forEach((api, value) -> {
            if (value == null) {
                System.clearProperty(api);
            } else {
                System.setProperty(api, value);
            }
        });
    }

    @Test
    void theNamedImplementationsAreTheOnesTheClassPathScanFinds() throws Exception {
        Class<?> scannedMail = StreamProvider.provider().getClass();
        Class<?> scannedXml = DatatypeFactory.newInstance().getClass();

        ProviderLookups.name();

        assertThat(System.getProperty("jakarta.mail.util.StreamProvider")).isEqualTo(scannedMail.getName());
        assertThat(System.getProperty("javax.xml.datatype.DatatypeFactory")).isEqualTo(scannedXml.getName());
        assertThat(StreamProvider.provider()).isExactlyInstanceOf(scannedMail);
        assertThat(DatatypeFactory.newInstance()).isExactlyInstanceOf(scannedXml);
        // And it still works: a duration parses, as Camunda's timers need.
        assertThat(DatatypeFactory.newInstance().newDuration("PT30S").getSeconds()).isEqualTo(30);
    }

    @Test
    void aProviderGivenOnTheCommandLineIsKept() {
        System.setProperty("javax.xml.datatype.DatatypeFactory", "com.example.OwnFactory");

        ProviderLookups.name();

        assertThat(System.getProperty("javax.xml.datatype.DatatypeFactory")).isEqualTo("com.example.OwnFactory");
    }
}
