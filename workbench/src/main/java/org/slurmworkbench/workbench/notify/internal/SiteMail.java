package org.slurmworkbench.workbench.notify.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.workbench.security.SiteLogin;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/** The site's directory gives the address (LDAP {@code mail}) of a user who has not typed one of their own. */
@Component
class SiteMail {

    private static final Logger log = LoggerFactory.getLogger(SiteMail.class);

    private final ProfileStore profiles;

    SiteMail(ProfileStore profiles) {
        this.profiles = profiles;
    }

    @EventListener
    void loggedIn(SiteLogin login) {
        if (login.mail() == null) {
            return;
        }
        try {
            profiles.siteMail(login.username(), login.mail());
        } catch (DataAccessException e) {
            // the login goes on; the address is taken at the next one
            log.warn("Could not keep the directory's address of {}: {}", login.username(), e.getMessage());
        }
    }
}
