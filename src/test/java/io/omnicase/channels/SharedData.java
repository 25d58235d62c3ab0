package io.omnicase.channels;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared data sets (../shared/data), found through system property omnicase.shared.data; tests skip without them. */
public final class SharedData {

    private SharedData() {
    }

    /** The folder of a data set; skips the calling test with a clear message when it is absent. */
    public static Path folder(String name) {
        String root = System.getProperty("omnicase.shared.data");
        Assumptions.assumeTrue(root != null, "system property omnicase.shared.data is not set: skipping " + name);
        Path folder = Path.of(root, name);
        Assumptions.assumeTrue(Files.isDirectory(folder), folder + " is absent: skipping tests on " + name);
        return folder;
    }
}
