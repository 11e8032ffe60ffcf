package org.slurmworkbench.workbench.security.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The lab's LDAP server and KDC ({@code lab/lab ldap up}, {@code lab/lab kdc up}, both started by {@code lab up}):
 * their env files and the users' passwords, under {@code -Dwb.lab.root}.
 */
final class SiteLab {

    static final Path ROOT = Path.of(System.getProperty("wb.lab.root", "/var/lib/slurm-workbench-lab"));

    private SiteLab() {
    }

    static Properties ldap() {
        return read(ROOT.resolve("ldap/ldap.env"), "lab/lab ldap up");
    }

    static Properties kdc() {
        return read(ROOT.resolve("kdc/kdc.env"), "lab/lab kdc up");
    }

    /** {@code user}'s password in the file an env names under {@code key} (LDAP_PASSWORDS, KDC_PASSWORDS). */
    static String password(Properties env, String key, String user) {
        String password = read(Path.of(env.getProperty(key)), "lab/lab up").getProperty(user);
        if (password == null || password.isEmpty()) {
            throw new AssertionError("no password of " + user + " in " + env.getProperty(key));
        }
        return password;
    }

    private static Properties read(Path file, String how) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file + " (" + e + "): start it with '" + how + "'", e);
        }
        return p;
    }
}
