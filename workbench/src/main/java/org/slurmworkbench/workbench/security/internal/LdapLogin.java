package org.slurmworkbench.workbench.security.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.workbench.security.Role;
import org.springframework.ldap.core.DirContextAdapter;
import org.springframework.ldap.core.DirContextOperations;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.ldap.DefaultSpringSecurityContextSource;
import org.springframework.security.ldap.authentication.BindAuthenticator;
import org.springframework.security.ldap.authentication.LdapAuthenticationProvider;
import org.springframework.security.ldap.search.FilterBasedLdapUserSearch;
import org.springframework.security.ldap.userdetails.DefaultLdapAuthoritiesPopulator;
import org.springframework.security.ldap.userdetails.UserDetailsContextMapper;

/**
 * LDAP login with Spring Security's LDAP support: the password is checked by binding as the user (the workbench never
 * reads it), the user's groups are read, and the local record is created or updated ({@link SiteAccounts}) with the
 * role from the admin group and the entry's uid as Slurm user.
 */
final class LdapLogin implements UserDetailsContextMapper {

    private static final Logger log = LoggerFactory.getLogger(LdapLogin.class);

    private final LdapLoginProperties properties;
    private final SiteAccounts accounts;

    private LdapLogin(LdapLoginProperties properties, SiteAccounts accounts) {
        this.properties = properties;
        this.accounts = accounts;
    }

    /** The authentication provider for the form login and HTTP basic. */
    static AuthenticationProvider provider(LdapLoginProperties properties, SiteAccounts accounts) {
        DefaultSpringSecurityContextSource directory = new DefaultSpringSecurityContextSource(List.of(properties.url()),
                properties.base());
        if (properties.managerDn() != null) {
            directory.setUserDn(properties.managerDn());
            directory.setPassword(properties.managerPassword());
        }
        // A directory that hangs must not hang the login page: JNDI waits forever by default.
        directory.setBaseEnvironmentProperties(Map.of("com.sun.jndi.ldap.connect.timeout", "5000",
                "com.sun.jndi.ldap.read.timeout", "10000"));
        directory.afterPropertiesSet();

        BindAuthenticator bind = new BindAuthenticator(directory);
        if (properties.userDnPattern() != null) {
            bind.setUserDnPatterns(new String[]{properties.userDnPattern()});
        } else {
            bind.setUserSearch(new FilterBasedLdapUserSearch(properties.userSearchBase(), properties.userSearchFilter(),
                    directory));
        }
        DefaultLdapAuthoritiesPopulator groups = new DefaultLdapAuthoritiesPopulator(directory, properties.groupSearchBase());
        groups.setGroupSearchFilter(properties.groupSearchFilter());
        groups.setRolePrefix("");
        groups.setConvertToUpperCase(false);
        groups.setIgnorePartialResultException(true);

        LdapAuthenticationProvider provider = new LdapAuthenticationProvider(bind, groups);
        provider.setUserDetailsContextMapper(new LdapLogin(properties, accounts));
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication login) {
                try {
                    return provider.authenticate(login);
                } catch (InternalAuthenticationServiceException e) {
                    // Spring stops at this one (no other login is tried) and logs it only at debug: a directory
                    // that is down must neither lock out Kerberos users nor go unnoticed.
                    log.warn("LDAP login of '{}' failed: directory {} unusable: {}", login.getName(), properties.url(),
                            e.getMessage());
                    throw new AuthenticationServiceException("directory unavailable", e);
                }
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return provider.supports(authentication);
            }
        };
    }

    @Override
    public UserDetails mapUserFromContext(DirContextOperations entry, String username,
                                          Collection<? extends GrantedAuthority> groups) {
        // The entry's own uid, not what was typed: LDAP matches names without regard to case.
        String uid = entry.getStringAttribute(properties.uidAttribute());
        boolean admin = properties.adminGroup() != null
                && groups.stream().anyMatch(g -> properties.adminGroup().equals(g.getAuthority()));
        return accounts.login(uid == null ? username : uid, SiteAccounts.Source.LDAP, admin ? Role.ADMIN : Role.USER,
                entry.getStringAttribute(properties.mailAttribute()));
    }

    @Override
    public void mapUserToContext(UserDetails user, DirContextAdapter ctx) {
        throw new UnsupportedOperationException("the workbench never writes to the directory");
    }
}
