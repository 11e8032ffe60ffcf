package org.slurmworkbench.workbench.security.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.workbench.security.Role;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the bootstrap admin on start when no user of that name exists; an existing user is left as it is
 * (its password is never reset from configuration). A generated password is logged once, at creation: the one
 * secret the workbench ever writes to a log.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserStore accounts;
    private final PasswordEncoder passwords;
    private final BootstrapAdminProperties properties;

    BootstrapAdmin(UserStore accounts, PasswordEncoder passwords, BootstrapAdminProperties properties) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensure(properties);
    }

    /** Creates the admin if absent; answers the generated password when one was generated. */
    Optional<String> ensure(BootstrapAdminProperties admin) {
        if (accounts.exists(admin.username())) {
            log.info("Bootstrap admin '{}' exists; leaving it unchanged", admin.username());
            return Optional.empty();
        }
        boolean generate = admin.password() == null;
        String password = generate ? generatePassword() : admin.password();
        try {
            accounts.create(admin.username(), passwords.encode(password), Role.ADMIN, admin.slurmUser());
        } catch (DuplicateKeyException e) {
            log.info("Bootstrap admin '{}' was created by another instance", admin.username());
            return Optional.empty();
        }
        if (generate) {
            log.warn("Bootstrap admin '{}' created with password: {}  (Slurm user {}; shown only this once)",
                    admin.username(), password, admin.slurmUser());
            return Optional.of(password);
        }
        log.info("Bootstrap admin '{}' created with the configured password (Slurm user {})", admin.username(),
                admin.slurmUser());
        return Optional.empty();
    }

    private static String generatePassword() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
