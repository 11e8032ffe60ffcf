package org.slurmworkbench.workbench.security.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slurmworkbench.workbench.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code users} table in MariaDB. Passwords are stored as bcrypt hashes only. */
@Repository
class UserStore {

    private static final String COLUMNS = "id, username, password_hash, role, slurm_user, enabled, created_at";

    private final JdbcClient jdbc;

    UserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UserAccount> find(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE username = ?")
                .param(username).query(UserStore::map).optional();
    }

    boolean exists(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE username = ?").param(username).query(Long.class).single() > 0;
    }

    List<UserAccount> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users ORDER BY username").query(UserStore::map).list();
    }

    /** Inserts a user; a concurrent insert of the same name fails with {@code DuplicateKeyException}. */
    UserAccount create(String username, String passwordHash, Role role, String slurmUser) {
        jdbc.sql("INSERT INTO users (username, password_hash, role, slurm_user, enabled) VALUES (?, ?, ?, ?, TRUE)")
                .params(username, passwordHash, role.name(), slurmUser).update();
        return find(username).orElseThrow();
    }

    /** Sets role and Slurm user; answers whether the user exists. */
    boolean update(String username, Role role, String slurmUser) {
        return jdbc.sql("UPDATE users SET role = ?, slurm_user = ? WHERE username = ?")
                .params(role.name(), slurmUser, username).update() > 0;
    }

    boolean setEnabled(String username, boolean enabled) {
        return jdbc.sql("UPDATE users SET enabled = ? WHERE username = ?").params(enabled, username).update() > 0;
    }

    boolean setPasswordHash(String username, String passwordHash) {
        return jdbc.sql("UPDATE users SET password_hash = ? WHERE username = ?").params(passwordHash, username).update() > 0;
    }

    boolean delete(String username) {
        return jdbc.sql("DELETE FROM users WHERE username = ?").param(username).update() > 0;
    }

    /**
     * The enabled admins, their rows locked until the transaction ends: two admins removing each other at once
     * cannot both pass the "not the last admin" check.
     */
    List<String> lockEnabledAdmins() {
        return jdbc.sql("SELECT username FROM users WHERE role = 'ADMIN' AND enabled ORDER BY username FOR UPDATE")
                .query(String.class).list();
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        return new UserAccount(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
                Role.valueOf(rs.getString("role")), rs.getString("slurm_user"), rs.getBoolean("enabled"),
                rs.getTimestamp("created_at").toInstant());
    }
}
