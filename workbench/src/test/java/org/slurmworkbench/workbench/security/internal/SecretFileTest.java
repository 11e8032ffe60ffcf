package org.slurmworkbench.workbench.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keytab check at start: missing, a directory, world-readable refused with the property and the fix named. */
class SecretFileTest {

    static final String PROPERTY = "workbench.security.kerberos.keytab";

    @TempDir
    Path dir;

    @Test
    void aPrivateFileIsAccepted() throws Exception {
        Path keytab = Files.writeString(dir.resolve("http.keytab"), "key");
        Files.setPosixFilePermissions(keytab, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(SecretFile.check(keytab, PROPERTY)).isEqualTo(keytab);
    }

    @Test
    void aWorldReadableFileIsRefusedWithTheFix() throws Exception {
        Path keytab = Files.writeString(dir.resolve("http.keytab"), "key");
        Files.setPosixFilePermissions(keytab, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SecretFile.check(keytab, PROPERTY)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(PROPERTY).hasMessageContaining("readable by every user").hasMessageContaining("chmod o-r");
    }

    @Test
    void aMissingFileOrADirectoryIsRefused() {
        assertThatThrownBy(() -> SecretFile.check(dir.resolve("nope.keytab"), PROPERTY))
                .hasMessageContaining(PROPERTY).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> SecretFile.check(dir, PROPERTY)).hasMessageContaining("not a file");
        assertThatThrownBy(() -> SecretFile.check(null, PROPERTY)).hasMessage(PROPERTY + " is required");
    }
}
