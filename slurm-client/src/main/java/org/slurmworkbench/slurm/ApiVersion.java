package org.slurmworkbench.slurm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A slurmrestd OpenAPI plugin version such as {@code v0.0.42}; ordered by its numbers. */
public record ApiVersion(int major, int minor, int patch) implements Comparable<ApiVersion> {

    private static final Pattern PATTERN = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)");

    public static ApiVersion parse(String text) {
        Matcher m = PATTERN.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an API version: " + text);
        }
        return new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    public boolean atLeast(String other) {
        return compareTo(parse(other)) >= 0;
    }

    @Override
    public int compareTo(ApiVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) c = Integer.compare(minor, o.minor);
        if (c == 0) c = Integer.compare(patch, o.patch);
        return c;
    }

    @Override
    public String toString() {
        return "v" + major + "." + minor + "." + patch;
    }
}
