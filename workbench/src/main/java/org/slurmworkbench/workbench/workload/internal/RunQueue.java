package org.slurmworkbench.workbench.workload.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * One Redis stream per run ({@code <prefix>run:<id>}, consumer group {@code submitters}) carrying sequence numbers to
 * the submitters. It holds nothing the database does not: losing it (a Redis restart) costs only a re-queue.
 */
@Component
class RunQueue {

    static final String GROUP = "submitters";
    private static final int PIPELINE = 200;

    /** A delivered entry: the stream id to acknowledge and the job's sequence number. */
    record Entry(String id, int seq) {
    }

    private final StringRedisTemplate redis;
    private final String prefix;

    RunQueue(StringRedisTemplate redis, WorkloadProperties settings) {
        this.redis = redis;
        this.prefix = settings.keyPrefix();
    }

    String key(String runId) {
        return prefix + "run:" + runId;
    }

    /** Creates the stream and its group unless both exist; answers whether they had to be created (a lost stream). */
    boolean ensure(String runId) {
        if (Boolean.TRUE.equals(redis.hasKey(key(runId)))) {
            return false;
        }
        byte[] key = key(runId).getBytes(StandardCharsets.UTF_8);
        try {
            redis.execute((RedisCallback<String>) c -> c.streamCommands().xGroupCreate(key, GROUP, ReadOffset.from("0"), true));
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
        return true;
    }

    /** Adds the jobs to the stream, pipelined in round trips of {@value #PIPELINE} entries. */
    void add(String runId, List<Integer> seqs) {
        for (int i = 0; i < seqs.size(); i += PIPELINE) {
            addChunk(runId, seqs.subList(i, Math.min(seqs.size(), i + PIPELINE)));
        }
    }

    private void addChunk(String runId, List<Integer> seqs) {
        byte[] key = key(runId).getBytes(StandardCharsets.UTF_8);
        redis.executePipelined((RedisCallback<Object>) c -> {
            for (int seq : seqs) {
                c.streamCommands().xAdd(MapRecord.create(key, Map.of("seq".getBytes(StandardCharsets.UTF_8),
                        Integer.toString(seq).getBytes(StandardCharsets.UTF_8))));
            }
            return null;
        });
    }

    /** The next new entry for this consumer (XREADGROUP ... >), or null when there is none. */
    Entry next(String runId, String consumer) {
        List<MapRecord<String, Object, Object>> records = redis.opsForStream().read(Consumer.from(GROUP, consumer),
                StreamReadOptions.empty().count(1), StreamOffset.create(key(runId), ReadOffset.lastConsumed()));
        if (records == null || records.isEmpty()) {
            return null;
        }
        MapRecord<String, Object, Object> r = records.getFirst();
        return new Entry(r.getId().getValue(), Integer.parseInt(String.valueOf(r.getValue().get("seq"))));
    }

    /**
     * Entries delivered to a consumer that has been silent for {@code minIdle} (e.g. one of a killed process), taken
     * over by this consumer with XAUTOCLAIM, which Spring Data Redis does not wrap.
     */
    List<Entry> claimAbandoned(String runId, String consumer, Duration minIdle, int count) {
        byte[][] args = {bytes(key(runId)), bytes(GROUP), bytes(consumer), bytes(Long.toString(minIdle.toMillis())),
                bytes("0-0"), bytes("COUNT"), bytes(Integer.toString(count))};
        Object reply = redis.execute((RedisCallback<Object>) c -> c.execute("XAUTOCLAIM", args));
        List<Entry> entries = new ArrayList<>();
        if (reply instanceof List<?> parts && parts.size() >= 2 && parts.get(1) instanceof List<?> claimed) {
            for (Object o : claimed) {
                if (o instanceof List<?> rec && rec.size() == 2 && rec.get(1) instanceof List<?> fields) {
                    for (int i = 0; i + 1 < fields.size(); i += 2) {
                        if ("seq".equals(text(fields.get(i)))) {
                            entries.add(new Entry(text(rec.get(0)), Integer.parseInt(text(fields.get(i + 1)))));
                        }
                    }
                }
            }
        }
        return entries;
    }

    void ack(String runId, String entryId) {
        redis.opsForStream().acknowledge(key(runId), GROUP, RecordId.of(entryId));
    }

    /** Entries delivered and not yet acknowledged. */
    long pending(String runId) {
        var summary = redis.opsForStream().pending(key(runId), GROUP);
        return summary == null ? 0 : summary.getTotalPendingMessages();
    }

    void delete(String runId) {
        redis.delete(key(runId));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }
}
