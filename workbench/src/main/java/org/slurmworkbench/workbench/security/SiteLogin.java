package org.slurmworkbench.workbench.security;

/**
 * Published after a successful site login (LDAP, Kerberos) has brought the user's local record up to date:
 * {@code mail} is the directory's mail attribute, null when the site gives none (Kerberos, or no such attribute).
 */
public record SiteLogin(String username, String mail) {
}
