package org.slurmworkbench.workbench.security.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

/** A directory that cannot be reached fails the LDAP login in a way that lets the next login way (Kerberos) try. */
class LdapLoginTest {

    @Test
    void anUnreachableDirectoryIsAnOrdinaryFailureSoTheNextProviderIsTried() {
        // nothing listens on port 1
        var properties = new LdapLoginProperties("ldap://127.0.0.1:1", "dc=example,dc=org", "uid={0},ou=people", "",
                "(uid={0})", "ou=groups", "(member={0})", "admins", null, null, "uid", "mail");
        var provider = LdapLogin.provider(properties, null);
        assertThatThrownBy(() -> provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("alice", "pw")))
                .isInstanceOf(AuthenticationServiceException.class)
                .isNotInstanceOf(InternalAuthenticationServiceException.class)
                .hasMessage("directory unavailable");
    }
}
