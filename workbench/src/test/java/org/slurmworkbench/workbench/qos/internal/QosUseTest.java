package org.slurmworkbench.workbench.qos.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.Qos;
import org.slurmworkbench.slurm.QosChange;
import org.slurmworkbench.slurm.Tres;

/** Use against limits, the diff and the change sent to Slurm, and touch detection, on hand-made jobs. */
class QosUseTest {

    static Job job(long id, String user, String state, String reason, int cpus, int gpus) {
        Tres tres = Tres.parse("cpu=" + cpus + (gpus > 0 ? ",gres/gpu=" + gpus : ""));
        boolean running = state.equals("RUNNING");
        return new Job(id, null, null, null, "j" + id, user, "physics", "gpu", "gpu", List.of(state), reason,
                Instant.EPOCH, null, null, null, 10, cpus, 1, null, tres, running ? tres : Tres.EMPTY, null, null, "/tmp",
                null, 1, "lab", null, null, null, null, null, null, null);
    }

    static Qos gpuQos() {
        return new Qos("gpu", "", 10, List.of("DenyOnLimit"), Tres.parse("gres/gpu=2"), Tres.parse("cpu=16"),
                Tres.EMPTY, Tres.parse("gres/gpu=6"), 3, 4, null, null, 1.0, List.of("normal"));
    }

    @Test
    void usesAreSumsForGroupsAndTheBusiestUserForPerUserLimits() {
        List<Job> jobs = List.of(job(1, "alice", "RUNNING", "None", 2, 1), job(2, "alice", "RUNNING", "None", 2, 1),
                job(3, "bob", "RUNNING", "None", 8, 1), job(4, "alice", "PENDING", "QOSMaxGRESPerUser", 2, 1),
                job(5, "carol", "PENDING", "Priority", 1, 1), job(6, "bob", "COMPLETED", "None", 4, 1));
        QosUse u = QosUse.of("lab", gpuQos(), jobs);
        assertThat(u.runningJobs()).isEqualTo(3);
        assertThat(u.pendingJobs()).isEqualTo(2);
        assertThat(u.pendingOnQosLimits()).isEqualTo(1);
        Map<String, QosUse.LimitUse> byLimit = new java.util.HashMap<>();
        u.uses().forEach(l -> byLimit.put(l.limit() + (l.tres() == null ? "" : " " + l.tres()), l));
        assertThat(byLimit.get("GrpTRES gres/gpu")).extracting("used", "max", "percent", "level").containsExactly(3L, 6L, 50, "ok");
        assertThat(byLimit.get("MaxTRESPerUser gres/gpu")).extracting("used", "by", "level").containsExactly(2L, "alice", "full");
        assertThat(byLimit.get("MaxTRESPerJob cpu")).extracting("used", "by").containsExactly(8L, "3");
        assertThat(byLimit.get("MaxJobsPerUser")).extracting("used", "by", "percent", "level").containsExactly(2L, "alice", 66, "ok");
        // submit limit counts pending jobs too: alice has 3 of 4 -> 75 %, not yet near
        assertThat(byLimit.get("MaxSubmitJobsPerUser")).extracting("used", "percent", "level").containsExactly(3L, 75, "ok");
        assertThat(u.level()).isEqualTo("full");
        assertThat(QosUse.LimitUse.of("GrpTRES", "cpu", 10, 8, null).level()).isEqualTo("near");
    }

    @Test
    void anEditChangesOnlyWhatDiffersAndRemovesTresLeftOut() {
        QosLimits before = QosLimits.of(gpuQos());
        QosEdit edit = new QosEdit(null, null, null, "gres/gpu=8", "", null, -1, null);
        QosLimits after = edit.applyTo(before);
        assertThat(before.changesTo(after)).extracting(QosLimits.Change::field)
                .containsExactly("grpTres", "maxTresPerUser", "maxJobsPerUser");
        QosChange change = QosEdit.change("gpu", before, after);
        assertThat(change.grpTres()).isEqualTo(Map.of("gres/gpu", 8L));
        assertThat(change.maxTresPerUser()).isEqualTo(Map.of("gres/gpu", QosChange.REMOVE));
        assertThat(change.maxTresPerJob()).isEmpty();
        assertThat(change.maxJobsPerUser()).isEqualTo(-1);
        assertThat(change.maxSubmitJobsPerUser()).isNull();
        assertThat(change.priority()).isNull();
        // the same TRES in another order is no change
        assertThat(before.changesTo(new QosEdit(null, null, null, null, null, "cpu=16", null, null).applyTo(before))).isEmpty();
        assertThat(QosEdit.hasDuplicateTres("cpu=1,gres/gpu=2,cpu=3")).isTrue();
        assertThat(QosEdit.hasDuplicateTres("cpu=1,gres/gpu=2")).isFalse();
        assertThat(QosEdit.hasDuplicateTres("gpu")).isFalse(); // not TRES at all: the pattern reports it
        assertThat("gres/gpu=4,cpu=64").matches(QosEdit.TRES);
        assertThat("mem=512G").matches(QosEdit.TRES);
        assertThat("gres/gpu=-1").doesNotMatch(QosEdit.TRES);
        assertThat("gpu").doesNotMatch(QosEdit.TRES);
        assertThat("cpu=4,").doesNotMatch(QosEdit.TRES);
    }

    @Test
    void theFormEmptiesMeanNoLimitAndNonNumbersAreFieldErrors() {
        Map<String, String> errors = new java.util.HashMap<>();
        QosEdit edit = new QosForm("lab", "gpu", false, "d", "", "gres/gpu=6", " ", "", "", "x").toEdit(errors);
        assertThat(edit.priority()).isZero();
        assertThat(edit.maxTresPerUser()).isEmpty();
        assertThat(edit.maxJobsPerUser()).isEqualTo(-1);
        assertThat(errors).containsOnlyKeys("maxSubmitJobsPerUser");
    }

    @Test
    void consecutiveTouchedSamplesMakeOneTouch() {
        Qos q = gpuQos();
        Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
        List<CeilingSample> samples = List.of(
                new CeilingSample("lab", "gpu", t0, 1, 1, 2, 2, 6, 2, null, null, 0, 0, 7),
                new CeilingSample("lab", "gpu", t0.plusSeconds(60), 2, 2, 4, 4, 6, 2, null, null, 2, 2, 6),
                new CeilingSample("lab", "gpu", t0.plusSeconds(120), 2, 2, 4, 4, 6, 2, null, null, 1, 1, 6),
                new CeilingSample("lab", "gpu", t0.plusSeconds(180), 0, 0, 0, 0, 6, 2, null, null, 0, 0, 8),
                new CeilingSample("lab", "gpu", t0.plusSeconds(240), 6, 2, 12, 4, 6, 2, null, null, 3, 3, 2));
        CeilingView v = CeilingView.of("lab", q.name(), new CeilingView.Range(t0, t0.plusSeconds(300)), 60, samples);
        assertThat(v.touches()).hasSize(2);
        assertThat(v.touches().get(0)).isEqualTo(new CeilingView.Touch(t0.plusSeconds(60), t0.plusSeconds(180),
                List.of("MaxTRESPerUser gres/gpu")));
        assertThat(v.touches().get(1).limits()).containsExactly("GrpTRES gres/gpu", "MaxTRESPerUser gres/gpu");
        assertThat(v.points().get(0).touched()).isEmpty();
        CeilingSample fromJobs = CeilingSample.of("lab", q, List.of(job(1, "alice", "RUNNING", "None", 2, 1),
                job(2, "alice", "RUNNING", "None", 2, 1), job(3, "bob", "RUNNING", "None", 4, 1),
                job(4, "alice", "PENDING", "QOSMaxGRESPerUser", 2, 1)), 5, t0);
        assertThat(fromJobs).extracting("gpusUsed", "gpusUserMax", "cpusUsed", "cpusUserMax", "grpGpus", "userGpus",
                "pendingLimited", "idleGpus").containsExactly(3, 2, 8, 4, 6, 2, 1, 5);
    }
}
