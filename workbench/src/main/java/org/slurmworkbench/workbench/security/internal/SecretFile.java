package org.slurmworkbench.workbench.security.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Start-up check of a file that holds a secret (a keytab): it must exist, be readable and not be world-readable. */
final class SecretFile {

    private SecretFile() {
    }

    /** @throws IllegalStateException naming the file, the property and what to do */
    static Path check(Path file, String property) {
        if (file == null) {
            throw new IllegalStateException(property + " is required");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(property + ": " + file + " does not exist or is not a file");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalStateException(property + ": " + file + " is not readable by the workbench's user");
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.contains(PosixFilePermission.OTHERS_READ)) {
                throw new IllegalStateException(property + ": " + file + " is readable by every user of this machine;"
                        + " it holds a secret key: chmod o-r (e.g. 600) " + file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: nothing more to check.
        }
        return file;
    }
}
