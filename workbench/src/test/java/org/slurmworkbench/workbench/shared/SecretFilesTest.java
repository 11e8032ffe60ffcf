package org.slurmworkbench.workbench.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secret-file check at start (here of a keytab): missing, a directory, world-readable refused with the property and the fix named. */
class SecretFilesTest {

    static final String PROPERTY = "workbench.security.kerberos.keytab";

    @TempDir
    Path dir;

    @Test
    void aPrivateFileIsAccepted() throws Exception {
        Path keytab = Files.writeString(dir.resolve("http.keytab"), "key");
        Files.setPosixFilePermissions(keytab, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(SecretFiles.check(keytab, PROPERTY)).isEqualTo(keytab);
    }

    @Test
    void aWorldReadableFileIsRefusedWithTheFix() throws Exception {
        Path keytab = Files.writeString(dir.resolve("http.keytab"), "key");
        Files.setPosixFilePermissions(keytab, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SecretFiles.check(keytab, PROPERTY)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(PROPERTY).hasMessageContaining("readable by every user").hasMessageContaining("chmod 600 " + keytab);
    }

    @Test
    void aMissingFileOrADirectoryIsRefused() {
        assertThatThrownBy(() -> SecretFiles.check(dir.resolve("nope.keytab"), PROPERTY))
                .hasMessageContaining(PROPERTY).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> SecretFiles.check(dir, PROPERTY)).hasMessageContaining(PROPERTY).hasMessageContaining("is not a regular file");
        assertThatThrownBy(() -> SecretFiles.check(null, PROPERTY)).hasMessage(PROPERTY + " is required");
    }
}
