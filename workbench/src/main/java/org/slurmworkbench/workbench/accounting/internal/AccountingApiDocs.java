package org.slurmworkbench.workbench.accounting.internal;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.method.HandlerMethod;

/**
 * The accounting API reads its query parameters through {@link AccountingParser} (one 400 naming every bad one), so
 * Spring sees one opaque map: this describes the parameters each endpoint really takes, with the parser's own lists of
 * group names, periods, metrics, sort keys and states, so the description cannot drift from what is accepted.
 */
@Component
class AccountingApiDocs implements GlobalOperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Class<?> type = handler.getBeanType();
        if (type != AccountingApi.class && type != SyncApi.class || !takesParameterMap(handler)) {
            return operation;
        }
        List<Parameter> params = new ArrayList<>();
        if (operation.getParameters() != null) {
            operation.getParameters().stream().filter(p -> !"params".equals(p.getName())).forEach(params::add);
        }
        String name = handler.getMethod().getName();
        if (type == SyncApi.class) {
            params.add(query("cluster", new StringSchema(), "The cluster to sync (required)").required(true));
            if (name.equals("backfill")) {
                params.add(query("from", time(), "First day or instant of the range (required)").required(true));
                params.add(query("to", time(), "End of the range, exclusive (default: now)"));
            }
        } else {
            filters(params);
            if (name.startsWith("usage")) {
                params.add(query("groupBy", list(UsageQuery.GROUP_NAMES), "Group keys, comma-separated, in order (none: one total row)"));
                params.add(query("period", new StringSchema()._enum(UsageQuery.PERIODS), "Also group by UTC day, week or month"));
                params.add(query("metrics", list(UsageQuery.METRICS), "Metrics, comma-separated (default: "
                        + String.join(",", UsageQuery.DEFAULT_METRICS) + "); percentiles interpolate linearly between ranks"));
                params.add(sort(sortKeys(), "-cpuHours, or period when a period is asked"));
            } else {
                params.add(query("jobId", new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ONE),
                        "One job id (array tasks and het components of it included)"));
                params.add(sort(JobQuery.SORTS, "-submit"));
            }
            if (!name.endsWith("CsvLink")) {
                params.add(query("page", new IntegerSchema().minimum(java.math.BigDecimal.ONE)._default(1), "Page, from 1"));
                params.add(query("size", new IntegerSchema().minimum(java.math.BigDecimal.ONE)
                        .maximum(java.math.BigDecimal.valueOf(1000))._default(50), "Rows per page"));
            }
        }
        operation.setParameters(params);
        return operation;
    }

    private static void filters(List<Parameter> params) {
        params.add(query("from", time(), "Jobs that ended at or after (default: 30 days before 'to'); a date is midnight UTC"));
        params.add(query("to", time(), "Jobs that ended before (default: tomorrow, midnight UTC)"));
        params.add(query("cluster", new StringSchema(), "One configured cluster (default: all)"));
        params.add(query("users", names(), "Slurm users, comma-separated (users may name only themselves or users of accounts they coordinate)"));
        params.add(query("accounts", names(), "Accounts, comma-separated"));
        params.add(query("partitions", names(), "Partitions, comma-separated"));
        params.add(query("qos", names(), "QOS, comma-separated"));
        params.add(query("states", list(QueryParams.STATES.stream().sorted().toList()), "End states, comma-separated"));
        params.add(query("name", new StringSchema().maxLength(255), "Job-name prefix"));
    }

    private static List<String> sortKeys() {
        List<String> keys = new ArrayList<>(UsageQuery.GROUP_NAMES);
        keys.add("period");
        keys.addAll(UsageQuery.METRICS);
        return keys;
    }

    private static Parameter sort(List<String> keys, String fallback) {
        List<String> both = new ArrayList<>(keys);
        keys.forEach(k -> both.add("-" + k));
        return query("sort", new StringSchema()._enum(both), "Sort key, prefixed with - for descending (default: " + fallback + ")");
    }

    private static boolean takesParameterMap(HandlerMethod handler) {
        for (var p : handler.getMethodParameters()) {
            if (MultiValueMap.class.isAssignableFrom(p.getParameterType())) {
                return true;
            }
        }
        return false;
    }

    private static Parameter query(String name, Schema<?> schema, String description) {
        return new Parameter().in("query").name(name).schema(schema).description(description).required(false);
    }

    private static Schema<?> time() {
        return new StringSchema().example("2026-11-27").description("yyyy-MM-dd (midnight UTC) or an ISO-8601 instant in UTC");
    }

    private static Schema<?> names() {
        String one = QueryParams.NAME.pattern();
        return new StringSchema().pattern("^" + one + "(," + one + ")*$").description("comma-separated, or the parameter repeated");
    }

    private static Schema<?> list(List<String> values) {
        return new StringSchema().description("comma-separated; each one of: " + String.join(", ", values))
                .example(values.getFirst());
    }
}
