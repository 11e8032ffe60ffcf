package org.slurmworkbench.workbench.security.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points the JDK's Kerberos at the configured realm. The JDK reads its Kerberos configuration once per process
 * (JVM-wide, from {@code java.security.krb5.conf}); {@code java.security.krb5.kdc} cannot carry a port (a ':' there
 * separates KDCs), so for {@code realm} + {@code kdc} a small krb5.conf is written to a temporary file.
 */
final class KerberosRealm {

    private static final Logger log = LoggerFactory.getLogger(KerberosRealm.class);

    private KerberosRealm() {
    }

    static void configure(KerberosLoginProperties properties) {
        Path conf = properties.krb5Conf();
        if (conf == null && properties.kdc() != null) {
            conf = write(properties.realm(), properties.kdc());
        }
        if (conf != null) {
            System.setProperty("java.security.krb5.conf", conf.toString());
        }
        log.info("Kerberos login for realm {} (KDC {}, configuration {})", properties.realm(),
                properties.kdc() == null ? "from krb5.conf" : properties.kdc(), conf == null ? "system default" : conf);
    }

    private static Path write(String realm, String kdc) {
        // TCP first (udp_preference_limit = 1): replies with a PAC do not fit a UDP datagram anyway.
        String text = """
                [libdefaults]
                  default_realm = %1$s
                  dns_lookup_kdc = false
                  dns_lookup_realm = false
                  rdns = false
                  udp_preference_limit = 1
                [realms]
                  %1$s = {
                    kdc = %2$s
                  }
                """.formatted(realm, kdc);
        try {
            Path file = Files.createTempFile("workbench-krb5-", ".conf");
            file.toFile().deleteOnExit();
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a krb5.conf for realm " + realm, e);
        }
    }
}
