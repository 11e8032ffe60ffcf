package org.slurmworkbench.workbench.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;

/** Principal names to users: only plain user principals of the configured realm. */
class KerberosNamesTest {

    static final String REALM = "LAB.SLURMWORKBENCH";

    @Test
    void aUserOfTheRealmIsItsNameWithOrWithoutTheRealm() {
        assertThat(KerberosNames.principal("alice", REALM)).isEqualTo("alice@" + REALM);
        assertThat(KerberosNames.principal("alice@" + REALM, REALM)).isEqualTo("alice@" + REALM);
        assertThat(KerberosNames.user("alice@" + REALM, REALM)).isEqualTo("alice");
    }

    @Test
    void anotherRealmOrAServiceOrInstancePrincipalIsNoUser() {
        for (String p : new String[]{"alice@OTHER.ORG", "alice@lab.slurmworkbench", "HTTP/localhost@" + REALM,
                "alice/admin@" + REALM, "@" + REALM}) {
            assertThatThrownBy(() -> KerberosNames.user(p, REALM)).as(p).isInstanceOf(BadCredentialsException.class);
        }
    }
}
