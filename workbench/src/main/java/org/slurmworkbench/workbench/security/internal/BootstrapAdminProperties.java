package org.slurmworkbench.workbench.security.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code workbench.bootstrap-admin.*}: the admin created on first start when no user of that name exists.
 * Without a password one is generated and logged once. {@code slurm-user} defaults to the username.
 */
@Validated
@ConfigurationProperties("workbench.bootstrap-admin")
record BootstrapAdminProperties(
        @DefaultValue("admin") @NotBlank(message = "is required")
        @Pattern(regexp = NewUser.USERNAME, message = "must be 2-64 lower-case letters, digits, '_', '.', '@' or '-'")
        String username,
        @Size(min = 8, max = 72, message = "must be 8 to 72 characters (leave it empty to generate one)")
        String password,
        @Pattern(regexp = NewUser.SLURM_USER, message = "must be a Slurm/Unix user name")
        String slurmUser) {

    public BootstrapAdminProperties {
        password = password == null || password.isEmpty() ? null : password;
        slurmUser = slurmUser == null || slurmUser.isBlank() ? username : slurmUser;
    }
}
