package org.slurmworkbench.workbench.glidein.internal;

import jakarta.validation.Validator;
import java.util.Map;
import java.util.regex.Pattern;
import org.slurmworkbench.workbench.submit.JobPlacement;
import org.slurmworkbench.workbench.submit.JobPlacement.Placement;
import org.springframework.stereotype.Component;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.MapBindingResult;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Every check of a glidein request before anything reaches Slurm: Bean Validation of each field, then what spans
 * fields (exactly one pool credential, a real port, no attribute the pilot or HTCondor's configuration owns), then
 * the placement on the cluster (partition, account, QOS, lifetime, GPUs) by the submit module's rules. Each failure
 * is an error on the request's own field name.
 */
@Component
class GlideinCheck {

    /**
     * Names the pilot sets itself or that are HTCondor configuration rather than a slot attribute: the extra
     * attributes go into the pilot's configuration file, so {@code START} or {@code SEC_*} would change its policy.
     * HTCondor's names are case-insensitive.
     */
    private static final Pattern RESERVED = Pattern.compile("(?i)IsGlidein|GLIDEIN_(Site|Slurm\\w*|StartTime|ToRetire|ToDie)"
            + "|START|SUSPEND|CONTINUE|PREEMPT|KILL|RANK|WANT_\\w*|RUNBENCHMARKS|JAVA|DOCKER|SINGULARITY|MEMORY|MAIL"
            + "|(SEC|ALLOW|DENY|STARTD|STARTER|MASTER|COLLECTOR|CONDOR|DAEMON|SLOT|SLOTS|NUM|USE|ENABLE|SHARED|NETWORK|BIND"
            + "|IN|OUT|UPDATE|LOCAL|RELEASE|LIB|LIBEXEC|LOG|SPOOL|EXECUTE|RUN|LOCK|SBIN|BIN|SHARE|CRED|TRUST|REQUIRE)(_\\w*)?");

    private final SpringValidatorAdapter validator;
    private final JobPlacement placement;

    GlideinCheck(Validator validator, JobPlacement placement) {
        this.validator = new SpringValidatorAdapter(validator);
        this.placement = placement;
    }

    /** The request's errors (none when it may be sent) and the Slurm time limit in minutes to send. */
    record Result(BindingResult errors, Integer minutes) {
    }

    Result check(String cluster, String slurmUser, GlideinRequest r) {
        BindingResult errors = new BeanPropertyBindingResult(r, "glideinRequest");
        validator.validate(r, errors);
        int credentials = (GlideinRequest.present(r.token()) ? 1 : 0) + (GlideinRequest.present(r.tokenFile()) ? 1 : 0)
                + (GlideinRequest.present(r.poolPasswordFile()) ? 1 : 0);
        if (credentials != 1 && !errors.hasFieldErrors("token")) {
            errors.rejectValue("token", credentials == 0 ? "glidein.error.credential.missing" : "glidein.error.credential.several",
                    "give exactly one of token, tokenFile, poolPasswordFile");
        }
        if (!errors.hasFieldErrors("collector") && port(r.collector().substring(r.collector().lastIndexOf(':') + 1)) == 0) {
            errors.rejectValue("collector", "glidein.error.collector", "is not host:port");
        }
        if (GlideinRequest.present(r.portRange()) && !errors.hasFieldErrors("portRange")) {
            String[] ends = r.portRange().split("-");
            if (port(ends[0]) == 0 || port(ends[1]) < port(ends[0])) {
                errors.rejectValue("portRange", "glidein.error.portRange", "is not LOW-HIGH");
            }
        }
        if (r.attributes() != null) {
            for (Map.Entry<String, String> a : r.attributes().entrySet()) {
                if (a.getKey() != null && RESERVED.matcher(a.getKey()).matches()) {
                    errors.rejectValue("attributes", "glidein.error.attributeReserved",
                            new Object[]{a.getKey()}, "is set by the pilot itself");
                } else if (a.getValue() != null && !balancedQuotes(a.getValue())) {
                    errors.rejectValue("attributes", "glidein.error.attributeQuotes", new Object[]{a.getKey()},
                            "has unpaired double quotes");
                }
            }
        }
        if (errors.hasErrors()) {
            return new Result(errors, null);
        }
        // one pilot is one task of cpus CPUs on one node, with memoryMb on that node: checked as the job form's are
        Placement wanted = new Placement(r.partition(), r.account(), r.qos(), r.lifetime(), 1, r.gpus(), 1, r.cpusOrDefault(),
                r.memoryMb() == null ? null : r.memoryMb().longValue(), false);
        BindingResult placed = new MapBindingResult(new java.util.HashMap<>(), "placement");
        Integer minutes = placement.check(cluster, slurmUser, wanted, placed);
        for (FieldError e : placed.getFieldErrors()) {
            String field = switch (e.getField()) {
                case "timeLimit" -> "lifetime";
                case "cpusPerTask", "tasks" -> "cpus";
                case "memory" -> "memoryMb";
                default -> e.getField();
            };
            errors.rejectValue(field, e.getCode(), e.getArguments(), e.getDefaultMessage());
        }
        if (minutes == null && !errors.hasFieldErrors("lifetime")) {
            errors.rejectValue("lifetime", "glidein.error.lifetime.limited", "must be a limited time");
        }
        return new Result(errors, minutes);
    }

    /** A TCP port 1-65535, or 0. */
    private static int port(String digits) {
        try {
            int p = Integer.parseInt(digits);
            return p >= 1 && p <= 65535 ? p : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Double quotes paired, backslash escapes inside strings: what HTCondor needs of a string literal. */
    private static boolean balancedQuotes(String v) {
        boolean inString = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (inString && c == '\\') {
                i++;
            } else if (c == '"') {
                inString = !inString;
            }
        }
        return !inString;
    }
}
