package org.slurmworkbench.workbench.security.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code workbench.security.ldap.*}: LDAP login, on when {@code url} is set. A user is found by
 * {@code user-dn-pattern} (e.g. {@code uid={0},ou=people}, relative to {@code base}) or else by {@code user-search-filter}
 * under {@code user-search-base}, then bound with the password given. Members of {@code admin-group} (its {@code cn},
 * found under {@code group-search-base}) are admins. {@code manager-dn}/{@code manager-password}: an account to
 * search with, for directories that do not allow anonymous search. The Slurm user is the entry's {@code uid-attribute};
 * its {@code mail-attribute} fills the user's notification address until they type their own.
 */
@Validated
@ConfigurationProperties("workbench.security.ldap")
record LdapLoginProperties(
        String url,
        String base,
        String userDnPattern,
        @DefaultValue("") String userSearchBase,
        @DefaultValue("(uid={0})") String userSearchFilter,
        @DefaultValue("") String groupSearchBase,
        @DefaultValue("(member={0})") String groupSearchFilter,
        String adminGroup,
        String managerDn,
        String managerPassword,
        @DefaultValue("uid") String uidAttribute,
        @DefaultValue("mail") String mailAttribute) {

    public LdapLoginProperties {
        userDnPattern = userDnPattern == null || userDnPattern.isBlank() ? null : userDnPattern;
        adminGroup = adminGroup == null || adminGroup.isBlank() ? null : adminGroup;
    }
}
