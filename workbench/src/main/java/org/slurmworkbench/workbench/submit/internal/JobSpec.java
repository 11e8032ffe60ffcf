package org.slurmworkbench.workbench.submit.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.slurmworkbench.workbench.submit.internal.SlurmValue.Kind;

/**
 * A job as the API and the form take it: sbatch's options in its own words (time and memory as sbatch writes
 * them). Syntax is checked here with Bean Validation; what depends on the cluster and the user (partition,
 * account, QOS, limits) is checked by {@link SubmissionCheck}. Unknown JSON fields are refused, so a misspelt
 * option is named instead of silently ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
record JobSpec(
        @NotBlank(message = "{submit.error.script.required}")
        @Size(max = MAX_SCRIPT_CHARS, message = "{submit.error.script.size}")
        @Pattern(regexp = "(?s)#!.*", message = "{submit.error.script.shebang}")
        String script,
        @Size(max = 200) @Pattern(regexp = NO_CONTROL, message = "{submit.error.text}") String name,
        @Pattern(regexp = SLURM_NAME, message = "{submit.error.slurmName}") String partition,
        @Pattern(regexp = SLURM_NAME, message = "{submit.error.slurmName}") String account,
        @Pattern(regexp = SLURM_NAME, message = "{submit.error.slurmName}") String qos,
        @Min(1) @Max(100_000) Integer nodes,
        @Min(1) @Max(1_000_000) Integer tasks,
        @Min(1) @Max(4096) Integer cpusPerTask,
        @SlurmValue(Kind.MEMORY) String memory,
        MemoryPer memoryPer,
        @Min(0) @Max(64) Integer gpus,
        @Pattern(regexp = SLURM_NAME, message = "{submit.error.slurmName}") String gpuType,
        @SlurmValue(Kind.TIME) String timeLimit,
        @SlurmValue(Kind.ARRAY) String array,
        @Size(max = 4096) @Pattern(regexp = "/[^\\p{Cntrl}]*", message = "{submit.error.absolutePath}") String workDir,
        @Size(max = 4096) @Pattern(regexp = NO_CONTROL, message = "{submit.error.text}") String output,
        @Size(max = 4096) @Pattern(regexp = NO_CONTROL, message = "{submit.error.text}") String error,
        @Size(max = 200)
        Map<@Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,127}", message = "{submit.error.envName}") String,
            @Size(max = 32_768) @Pattern(regexp = "[^\\x00]*", message = "{submit.error.text}") String> environment,
        @SlurmValue(Kind.DEPENDENCY) String dependency,
        @SlurmValue(Kind.BEGIN) String begin,
        Boolean hold,
        @Size(max = 1000) @Pattern(regexp = NO_CONTROL, message = "{submit.error.text}") String comment,
        @Pattern(regexp = USER_NAME, message = "{submit.error.slurmName}") String user) {

    /** Slurm's default max_script_size is 4 MB; a web form has no business sending more than 1 MiB. */
    public static final int MAX_SCRIPT_CHARS = 1_048_576;
    static final String NO_CONTROL = "[^\\p{Cntrl}]*";
    static final String SLURM_NAME = "[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,63}";
    static final String USER_NAME = "[a-z_][a-z0-9_.\\-]{0,31}";

    public enum MemoryPer { NODE, CPU }

    public boolean held() {
        return Boolean.TRUE.equals(hold);
    }
}
