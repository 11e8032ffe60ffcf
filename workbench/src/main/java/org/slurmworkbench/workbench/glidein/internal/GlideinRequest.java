package org.slurmworkbench.workbench.glidein.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A request for glidein pilots as the factory API and the form take it. Syntax is checked here; what needs more
 * than one field or the cluster is checked by {@link GlideinCheck}. The pool credential is one of a pasted
 * {@code token}, a {@code tokenFile} or a {@code poolPasswordFile} on the cluster; the token is never stored.
 */
record GlideinRequest(
        @NotBlank @Pattern(regexp = NAME, message = "{glidein.error.pool}") String pool,
        @NotBlank @Size(max = 260) @Pattern(regexp = HOST_PORT, message = "{glidein.error.collector}") String collector,
        @Size(max = 16_384) @Pattern(regexp = "[A-Za-z0-9._=+/\\-]*", message = "{glidein.error.token}") String token,
        @Size(max = 4096) @Pattern(regexp = PATH, message = "{glidein.error.absolutePath}") String tokenFile,
        @Size(max = 4096) @Pattern(regexp = PATH, message = "{glidein.error.absolutePath}") String poolPasswordFile,
        @NotNull @Min(1) @Max(MAX_PILOTS) Integer count,
        @Min(1) @Max(4096) Integer cpus,
        @Min(0) @Max(64) Integer gpus,
        @Min(1) @Max(16_777_216) Integer memoryMb,
        @NotBlank @Size(max = 32) String lifetime,
        @Min(10) @Max(604_800) Integer idle,
        @Min(5) @Max(3600) Integer updateInterval,
        @Pattern(regexp = SLURM_NAME, message = "{glidein.error.slurmName}") String partition,
        @Pattern(regexp = SLURM_NAME, message = "{glidein.error.slurmName}") String account,
        @Pattern(regexp = SLURM_NAME, message = "{glidein.error.slurmName}") String qos,
        @Size(max = 64) @Pattern(regexp = "[^\"\\\\\\p{Cntrl}]*", message = "{glidein.error.site}") String site,
        @Size(max = 50)
        Map<@Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,63}", message = "{glidein.error.attributeName}") String,
            @NotBlank @Size(max = 1000) @Pattern(regexp = "[^;$\\p{Cntrl}]*", message = "{glidein.error.attributeValue}") String> attributes,
        @Size(max = 4096) @Pattern(regexp = PATH, message = "{glidein.error.absolutePath}") String workDir,
        @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9.:\\-]*", message = "{glidein.error.networkInterface}") String networkInterface,
        @Pattern(regexp = "(\\d{1,5}-\\d{1,5})?", message = "{glidein.error.portRange}") String portRange) {

    /** One Slurm array of at most this many pilots: enough for a factory, far below Slurm's MaxArraySize. */
    public static final int MAX_PILOTS = 1000;
    static final String NAME = "[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,63}";
    static final String HOST_PORT = "[A-Za-z0-9][A-Za-z0-9.\\-]{0,252}:\\d{1,5}";
    static final String PATH = "(/[^\\p{Cntrl}'\"$`\\\\]*)?";
    static final String SLURM_NAME = "[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,63}";

    int cpusOrDefault() {
        return cpus == null ? 1 : cpus;
    }

    int idleOrDefault() {
        return idle == null ? 600 : idle;
    }

    int updateIntervalOrDefault() {
        return updateInterval == null ? 60 : updateInterval;
    }

    /** The same request without its pasted token: what is stored and shown. */
    GlideinRequest withoutToken() {
        return new GlideinRequest(pool, collector, null, tokenFile, poolPasswordFile, count, cpus, gpus, memoryMb,
                lifetime, idle, updateInterval, partition, account, qos, site, attributes, workDir, networkInterface, portRange);
    }

    /** Which credential the pilots carry (for the view; never the token itself). */
    String credential() {
        return present(token) ? "token" : present(tokenFile) ? "tokenFile" : present(poolPasswordFile) ? "poolPasswordFile" : "";
    }

    static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
