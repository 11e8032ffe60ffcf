package org.slurmworkbench.workbench.workload.run;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.api.async.RedisStreamAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
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
    private static final int PIPELINE = 50;

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

    /**
     * Creates the stream and its group unless the group exists; answers whether it had to be created (a lost stream).
     * Asks for the group, not the key: after a Redis restart the client may replay XADDs it held while disconnected,
     * which make the key again without the group, and a run whose stream has no group is never read again. The usual
     * answer (the group is there) comes from XINFO GROUPS, without an error reply; only a missing one is created.
     */
    boolean ensure(String runId) {
        if (hasGroup(runId)) {
            return false;
        }
        byte[] key = key(runId).getBytes(StandardCharsets.UTF_8);
        try {
            redis.execute((RedisCallback<String>) c -> c.streamCommands().xGroupCreate(key, GROUP, ReadOffset.from("0"), true));
            return true;
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (String.valueOf(t.getMessage()).contains("BUSYGROUP")) {
                    return false; // another instance made it just now
                }
            }
            throw e;
        }
    }

    private boolean hasGroup(String runId) {
        try {
            var groups = redis.opsForStream().groups(key(runId));
            return groups != null && groups.stream().anyMatch(g -> GROUP.equals(g.groupName()));
        } catch (RuntimeException e) {
            return false; // no such key (a lost stream), or Redis away: the create below says which
        }
    }

    /**
     * Adds the jobs to the stream, {@value #PIPELINE} XADDs in flight at a time on the app's shared connection (Lettuce
     * pipelines what is sent without waiting; Spring's executePipelined would open a dedicated connection each time).
     */
    @SuppressWarnings("unchecked")
    void add(String runId, List<Integer> seqs) {
        byte[] key = bytes(key(runId));
        byte[] field = bytes("seq");
        for (int i = 0; i < seqs.size(); i += PIPELINE) {
            List<Integer> chunk = seqs.subList(i, Math.min(seqs.size(), i + PIPELINE));
            redis.execute((RedisCallback<Void>) c -> {
                var commands = (RedisStreamAsyncCommands<byte[], byte[]>) c.getNativeConnection();
                List<RedisFuture<String>> sent = new ArrayList<>(chunk.size());
                for (int seq : chunk) {
                    sent.add(commands.xadd(key, Map.of(field, bytes(Integer.toString(seq)))));
                }
                if (!LettuceFutures.awaitAll(Duration.ofSeconds(5), sent.toArray(RedisFuture[]::new))) {
                    throw new IllegalStateException("XADD of " + chunk.size() + " entries timed out");
                }
                return null;
            });
        }
    }

    /** Up to {@code count} new entries for this consumer (XREADGROUP ... COUNT n >), none when there are none. */
    List<Entry> next(String runId, String consumer, int count) {
        List<MapRecord<String, Object, Object>> records = redis.opsForStream().read(Consumer.from(GROUP, consumer),
                StreamReadOptions.empty().count(count), StreamOffset.create(key(runId), ReadOffset.lastConsumed()));
        List<Entry> entries = new ArrayList<>();
        if (records != null) {
            for (MapRecord<String, Object, Object> r : records) {
                entries.add(new Entry(r.getId().getValue(), Integer.parseInt(String.valueOf(r.getValue().get("seq")))));
            }
        }
        return entries;
    }

    /**
     * Entries delivered to a consumer that has been silent for {@code minIdle} (e.g. one of a killed process, or one
     * whose read timed out after Redis had delivered), taken over by this consumer with XAUTOCLAIM, which Spring Data
     * Redis does not wrap: sent through Lettuce's own typed command.
     */
    @SuppressWarnings("unchecked")
    List<Entry> claimAbandoned(String runId, String consumer, Duration minIdle, int count) {
        ClaimedMessages<byte[], byte[]> claimed = redis.execute((RedisCallback<ClaimedMessages<byte[], byte[]>>) c -> {
            var commands = (RedisStreamAsyncCommands<byte[], byte[]>) c.getNativeConnection();
            try {
                return commands.xautoclaim(bytes(key(runId)), XAutoClaimArgs.Builder.xautoclaim(
                        io.lettuce.core.Consumer.from(bytes(GROUP), bytes(consumer)), minIdle, "0-0").count(count))
                        .get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("XAUTOCLAIM failed: " + e, e);
            }
        });
        List<Entry> entries = new ArrayList<>();
        if (claimed != null) {
            for (StreamMessage<byte[], byte[]> m : claimed.getMessages()) {
                m.getBody().forEach((field, value) -> {
                    if ("seq".equals(text(field))) {
                        entries.add(new Entry(m.getId(), Integer.parseInt(text(value))));
                    }
                });
            }
        }
        return entries;
    }

    /** Acknowledges entries, many in one XACK. */
    void ack(String runId, List<String> entryIds) {
        redis.opsForStream().acknowledge(key(runId), GROUP, entryIds.toArray(String[]::new));
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
