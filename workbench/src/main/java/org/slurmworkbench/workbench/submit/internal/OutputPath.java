package org.slurmworkbench.workbench.submit.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An output or error path with sbatch's filename patterns filled in as Slurm does for the batch step: {@code %j} job
 * id, {@code %A} array job id, {@code %a} task id, {@code %u} user, {@code %x} job name, {@code %N} first node,
 * {@code %%} a percent sign, with an optional zero-padding width ({@code %4a}). Releases before v0.0.43 answer the
 * pattern as typed; a pattern this cannot fill (e.g. a pending array's {@code %a}) stays as it is.
 */
final class OutputPath {

    private static final Pattern FIELD = Pattern.compile("%(\\d*)([jAauxN%])");

    private OutputPath() {
    }

    static String expand(String path, long jobId, Long arrayJobId, Integer taskId, String user, String name, String nodes) {
        if (path == null || path.indexOf('%') < 0) {
            return path;
        }
        Matcher m = FIELD.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(2).charAt(0)) {
                case 'j' -> Long.toString(jobId);
                case 'A' -> Long.toString(arrayJobId != null ? arrayJobId : jobId);
                case 'a' -> taskId == null ? null : Integer.toString(taskId);
                case 'u' -> user;
                case 'x' -> name;
                case 'N' -> nodes == null || nodes.isBlank() ? null : firstNode(nodes);
                default -> "%";
            };
            if (value != null && !m.group(1).isEmpty() && "jAa".indexOf(m.group(2).charAt(0)) >= 0) {
                value = "0".repeat(Math.max(0, Integer.parseInt(m.group(1)) - value.length())) + value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The first host of a Slurm node list: {@code c[1-2],g1} -> {@code c1}. */
    private static String firstNode(String nodes) {
        String first = nodes.split(",(?![^\\[]*\\])")[0];
        int bracket = first.indexOf('[');
        if (bracket < 0) {
            return first;
        }
        String range = first.substring(bracket + 1, first.indexOf(']') < 0 ? first.length() : first.indexOf(']'));
        return first.substring(0, bracket) + range.split("[-,]")[0];
    }
}
