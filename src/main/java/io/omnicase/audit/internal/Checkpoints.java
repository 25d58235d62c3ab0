package io.omnicase.audit.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checkpoints of the chain's head kept outside the database: one line {@code <seq> <hash> <time>} appended to a file
 * per chain in a configured directory (in production: a write-once or separately owned mount). Whoever rewrites the
 * whole tail of the chain in the database, head included, still disagrees with the checkpoints written before.
 */
@Component
public class Checkpoints {

    private final Path directory;

    Checkpoints(@Value("${omnicase.audit.checkpoint-dir:./data/audit-checkpoints}") Path directory) {
        this.directory = directory;
    }

    /** A head hash as it was written down. */
    public record Checkpoint(long seq, String hash, Instant at) {
    }

    public Path file(String chainId) {
        return directory.resolve("chain-" + chainId + ".checkpoints");
    }

    /**
     * Writes the head down unless the last checkpoint is that head already; answers the checkpoint that holds now. A
     * head is written only when the chain from the last checkpoint leads to it unbroken.
     *
     * @throws IllegalStateException when it does not: the tail was tampered with since the last checkpoint
     */
    public synchronized Checkpoint write(AuditLog.Head head, ChainVerifier verifier) {
        List<Checkpoint> written = read(head.chainId());
        Checkpoint last = written.isEmpty() ? null : written.get(written.size() - 1);
        if (last != null && last.seq() == head.seq()) {
            return last;
        }
        String problem = verifier.problemSince(last, head);
        if (problem != null) {
            throw new IllegalStateException("No checkpoint written: the audit chain does not verify since the last one ("
                    + problem + ")");
        }
        Checkpoint checkpoint = new Checkpoint(head.seq(), head.hash(), Instant.now());
        try {
            Files.createDirectories(directory);
            Files.writeString(file(head.chainId()), checkpoint.seq() + " " + checkpoint.hash() + " " + checkpoint.at() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the audit checkpoint to " + directory, e);
        }
        return checkpoint;
    }

    public List<Checkpoint> read(String chainId) {
        Path file = file(chainId);
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.strip().split(" ");
                if (parts.length == 3) {
                    checkpoints.add(new Checkpoint(Long.parseLong(parts[0]), parts[1], Instant.parse(parts[2])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the audit checkpoints in " + directory, e);
        }
        return checkpoints;
    }
}
