package org.slurmworkbench.workbench;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Workbench users mapped to the lab's Slurm users, made once per test database (idempotent), for tests of every module. */
public final class TestUsers {

    public static final String PASSWORD = "submit-test-password";

    private TestUsers() {
    }

    /** A USER-role workbench user {@code wb3-<slurmUser>} acting as {@code slurmUser}; answers its name. */
    public static String ensure(JdbcClient jdbc, PasswordEncoder passwords, String slurmUser) {
        return ensure(jdbc, passwords, "wb3-" + slurmUser, "USER", slurmUser);
    }

    /** A workbench user {@code name} with {@code role} (USER or ADMIN) acting as {@code slurmUser}; answers its name. */
    public static String ensure(JdbcClient jdbc, PasswordEncoder passwords, String name, String role, String slurmUser) {
        if (jdbc.sql("SELECT COUNT(*) FROM users WHERE username = ?").param(name).query(Long.class).single() == 0) {
            jdbc.sql("INSERT INTO users (username, password_hash, role, slurm_user, enabled) VALUES (?, ?, ?, ?, TRUE)")
                    .params(name, passwords.encode(PASSWORD), role, slurmUser).update();
        }
        return name;
    }
}
