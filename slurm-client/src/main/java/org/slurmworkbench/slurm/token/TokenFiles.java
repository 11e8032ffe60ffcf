package org.slurmworkbench.slurm.token;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slurmworkbench.slurm.TokenProvider;

/**
 * Reads tokens that something outside the workbench renews (for sites that keep the JWT key away from web
 * servers, e.g. a cron job that runs {@code scontrol token} under Kerberos). The path may contain
 * {@code {user}} for one file per Slurm user. A file is re-read whenever its modification time or size
 * changes. It may hold the bare token or {@code scontrol token}'s {@code SLURM_JWT=...} line.
 */
public final class TokenFiles implements TokenProvider {

    private final String pathPattern;
    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

    public TokenFiles(String pathPattern) {
        this.pathPattern = pathPattern;
    }

    @Override
    public String tokenFor(String slurmUser) {
        Path path = Path.of(pathPattern.replace("{user}", slurmUser));
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            long size = Files.size(path);
            Cached cached = cache.get(path);
            if (cached != null && cached.modified().equals(modified) && cached.size() == size) {
                return cached.token();
            }
            String token = extract(Files.readString(path));
            if (token.isEmpty()) {
                throw new IllegalStateException("token file " + path + " is empty");
            }
            cache.put(path, new Cached(token, modified, size));
            return token;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the token file " + path + " for Slurm user " + slurmUser
                    + ": " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void invalidate(String slurmUser) {
        cache.remove(Path.of(pathPattern.replace("{user}", slurmUser)));
    }

    static String extract(String content) {
        for (String line : content.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("SLURM_JWT=")) {
                return trimmed.substring("SLURM_JWT=".length()).trim();
            }
        }
        return content.trim();
    }

    private record Cached(String token, FileTime modified, long size) {
    }
}
