package org.slurmworkbench.workbench.security.internal;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code workbench.security.kerberos.*}: Kerberos login, on when {@code realm} is set. Passwords are checked against
 * the KDC ({@code kdc}, {@code host:port}; without it the JDK reads {@code krb5-conf} or the system's krb5.conf).
 * With {@code service-principal} and {@code keytab} (e.g. {@code HTTP/wb.example.org@REALM}) browsers that hold a
 * ticket log in by SPNEGO ({@code spnego: false} turns that off), and the KDC's answer to a password is verified with a
 * ticket for that service (against a spoofed KDC). A principal {@code alice@REALM} is the Slurm user {@code alice}; principals of other realms
 * are refused. {@code admins}: the users that are admins in the workbench (Kerberos has no groups).
 */
@Validated
@ConfigurationProperties("workbench.security.kerberos")
record KerberosLoginProperties(
        String realm,
        String kdc,
        Path krb5Conf,
        String servicePrincipal,
        Path keytab,
        @DefaultValue("true") boolean spnego,
        @DefaultValue List<String> admins) {

    public KerberosLoginProperties {
        kdc = kdc == null || kdc.isBlank() ? null : kdc;
        servicePrincipal = servicePrincipal == null || servicePrincipal.isBlank() ? null : servicePrincipal;
    }

    boolean spnegoOn() {
        return spnego && servicePrincipal != null;
    }
}
