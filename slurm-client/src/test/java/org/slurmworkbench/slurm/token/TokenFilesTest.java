package org.slurmworkbench.slurm.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsOneFilePerUserInEitherFormatAndRereadsWhenItChanges() throws Exception {
        Path alice = dir.resolve("alice.token");
        Files.writeString(alice, "SLURM_JWT=aaa.bbb.ccc\n");
        Files.writeString(dir.resolve("bob.token"), "  xxx.yyy.zzz \n");
        TokenFiles tokens = new TokenFiles(dir + "/{user}.token");

        assertThat(tokens.tokenFor("alice")).isEqualTo("aaa.bbb.ccc");
        assertThat(tokens.tokenFor("bob")).isEqualTo("xxx.yyy.zzz");

        Files.writeString(alice, "SLURM_JWT=ddd.eee.fff\n");
        Files.setLastModifiedTime(alice, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(tokens.tokenFor("alice")).isEqualTo("ddd.eee.fff");
    }

    @Test
    void aMissingOrEmptyFileIsAClearErrorWithoutContent() throws Exception {
        TokenFiles tokens = new TokenFiles(dir + "/{user}.token");
        assertThatThrownBy(() -> tokens.tokenFor("carol")).hasMessageContaining("carol.token").hasMessageContaining("carol");
        Files.writeString(dir.resolve("dave.token"), "\n");
        assertThatThrownBy(() -> tokens.tokenFor("dave")).hasMessageContaining("empty");
    }
}
