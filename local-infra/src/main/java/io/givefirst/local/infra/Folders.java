package io.givefirst.local.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary folders that tests and benchmarks write in. */
public final class Folders {
    private Folders() {
    }

    /** Removes a folder and everything in it; what cannot be removed now is left to the OS's temp cleaning. */
    public static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a folder in use by a process that has not quite exited: a leftover temp folder is harmless
        }
    }
}
