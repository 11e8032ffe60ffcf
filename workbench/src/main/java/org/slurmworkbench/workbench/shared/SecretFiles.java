package org.slurmworkbench.workbench.shared;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Checks a file that holds a secret (a Slurm JWT key or token, a Kerberos keytab) before the workbench relies on it:
 * it exists, this process can read it, and not every user on the machine can (anyone holding it can act as the
 * workbench). Each problem is one sentence naming the file and the fix, for the start-up report instead of a stack
 * trace.
 */
public final class SecretFiles {

    private SecretFiles() {
    }

    /**
     * The file, checked at start-up.
     *
     * @throws IllegalStateException naming the property, the file and what to do
     */
    public static Path check(Path file, String property) {
        if (file == null) {
            throw new IllegalStateException(property + " is required");
        }
        String problem = problem(file);
        if (problem != null) {
            throw new IllegalStateException(property + ": " + problem);
        }
        return file;
    }

    /** The problem with this secret file, or null when it is fine. */
    public static String problem(Path file) {
        if (!Files.exists(file)) {
            return "file " + file + " does not exist";
        }
        if (!Files.isRegularFile(file)) {
            return "file " + file + " is not a regular file";
        }
        if (!Files.isReadable(file)) {
            return "file " + file + " is not readable by this process; make it readable by the workbench's user only"
                    + " (chown <that user> " + file + " && chmod 600 " + file + ")";
        }
        return worldReadable(file);
    }

    /**
     * For a token-file path with {@code {user}}: the directory must exist and be readable; each token already in it
     * must not be world-readable (the files themselves may appear later, written by the renewing job).
     */
    public static String templateProblem(String template) {
        Path pattern = Path.of(template);
        Path dir = pattern.getParent();
        if (dir == null || dir.toString().contains("{user}")) {
            return "token-file " + template + " may contain {user} only in the file name";
        }
        if (!Files.isDirectory(dir)) {
            return "directory " + dir + " of token-file " + template + " does not exist";
        }
        if (!Files.isReadable(dir)) {
            return "directory " + dir + " of token-file " + template + " is not readable by this process";
        }
        String glob = pattern.getFileName().toString().replace("{user}", "*");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            for (Path f : files) {
                String problem = Files.isRegularFile(f) ? worldReadable(f) : null;
                if (problem != null) {
                    return problem;
                }
            }
        } catch (IOException e) {
            return "cannot list " + dir + " (token-file " + template + "): " + e.getMessage();
        }
        return null;
    }

    private static String worldReadable(Path file) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return null; // not a POSIX file system: nothing to compare with
        } catch (IOException e) {
            return "cannot read the permissions of " + file + ": " + e.getMessage();
        }
        if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
            return "file " + file + " is readable by every user on this machine (" + PosixFilePermissions.toString(permissions)
                    + "); fix: chmod 600 " + file;
        }
        return null;
    }
}
