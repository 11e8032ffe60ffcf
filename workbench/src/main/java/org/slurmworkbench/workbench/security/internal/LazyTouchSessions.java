package org.slurmworkbench.workbench.security.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * Spring Session moves a session's last-access time on every request, and with sessions in MariaDB every move is an
 * UPDATE and a commit: most of what a warm dashboard request costs, and all of its writes. Here the time moves only
 * when the stored one is at least {@link #touchEvery} old, so a request of a busy session only reads it. An idle
 * session therefore ends at most {@code touchEvery} before its timeout; attribute changes are saved as before.
 */
final class LazyTouchSessions<S extends Session> implements FindByIndexNameSessionRepository<LazyTouchSessions.LazySession<S>> {

    private final FindByIndexNameSessionRepository<S> sessions;
    private final Duration touchEvery;

    LazyTouchSessions(FindByIndexNameSessionRepository<S> sessions, Duration touchEvery) {
        this.sessions = sessions;
        this.touchEvery = touchEvery;
    }

    @Override
    public LazySession<S> createSession() {
        return new LazySession<>(sessions.createSession(), touchEvery);
    }

    @Override
    public void save(LazySession<S> session) {
        sessions.save(session.stored);
    }

    @Override
    public LazySession<S> findById(String id) {
        S found = sessions.findById(id);
        return found == null ? null : new LazySession<>(found, touchEvery);
    }

    @Override
    public void deleteById(String id) {
        sessions.deleteById(id);
    }

    @Override
    public Map<String, LazySession<S>> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        Map<String, LazySession<S>> found = new LinkedHashMap<>();
        sessions.findByIndexNameAndIndexValue(indexName, indexValue)
                .forEach((id, s) -> found.put(id, new LazySession<>(s, touchEvery)));
        return found;
    }

    /** A stored session whose last-access time moves only once it is {@code touchEvery} old. */
    static final class LazySession<S extends Session> implements Session {
        private final S stored;
        private final Duration touchEvery;

        LazySession(S stored, Duration touchEvery) {
            this.stored = stored;
            this.touchEvery = touchEvery;
        }

        @Override
        public void setLastAccessedTime(Instant time) {
            if (!time.isBefore(stored.getLastAccessedTime().plus(touchEvery))) {
                stored.setLastAccessedTime(time);
            }
        }

        @Override
        public String getId() {
            return stored.getId();
        }

        @Override
        public String changeSessionId() {
            return stored.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String name) {
            return stored.getAttribute(name);
        }

        @Override
        public Set<String> getAttributeNames() {
            return stored.getAttributeNames();
        }

        @Override
        public void setAttribute(String name, Object value) {
            stored.setAttribute(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            stored.removeAttribute(name);
        }

        @Override
        public Instant getCreationTime() {
            return stored.getCreationTime();
        }

        @Override
        public Instant getLastAccessedTime() {
            return stored.getLastAccessedTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            stored.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return stored.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return stored.isExpired();
        }
    }
}
