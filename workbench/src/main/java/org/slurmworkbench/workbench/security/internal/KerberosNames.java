package org.slurmworkbench.workbench.security.internal;

import org.springframework.security.authentication.BadCredentialsException;

/** Kerberos principal names and the workbench/Slurm user they stand for: {@code alice@REALM} is {@code alice}. */
final class KerberosNames {

    private KerberosNames() {
    }

    /** {@code alice} or {@code alice@REALM} as a full principal name of the realm. */
    static String principal(String typed, String realm) {
        return typed.indexOf('@') < 0 ? typed + "@" + realm : typed;
    }

    /**
     * The user a principal stands for. Only users of the configured realm: another realm's {@code alice} is another
     * person. Service and instance principals ({@code host/x}, {@code alice/admin}) are no users.
     *
     * @throws BadCredentialsException otherwise
     */
    static String user(String principal, String realm) {
        int at = principal.lastIndexOf('@');
        String name = at < 0 ? principal : principal.substring(0, at);
        String principalRealm = at < 0 ? realm : principal.substring(at + 1);
        if (!principalRealm.equals(realm) || name.isEmpty() || name.indexOf('/') >= 0) {
            throw new BadCredentialsException("not a user principal of realm " + realm);
        }
        return name;
    }
}
