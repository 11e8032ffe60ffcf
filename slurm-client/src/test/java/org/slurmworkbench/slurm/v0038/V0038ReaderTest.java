package org.slurmworkbench.slurm.v0038;

import org.slurmworkbench.slurm.rest.Gres;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slurmworkbench.slurm.AccountingJob;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.Node;
import org.slurmworkbench.slurm.Qos;
import org.slurmworkbench.slurm.SlurmError;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.slurm.SubmitResult;
import org.slurmworkbench.slurm.rest.ErrorClassifier;
import org.slurmworkbench.slurm.rest.RestTransport;
import tools.jackson.databind.JsonNode;

/** Shapes the lab does not produce on its own (drained nodes, typed GPUs, signalled jobs) and 22.05 error bodies. */
class V0038ReaderTest {

    private static JsonNode json(String text) {
        return RestTransport.JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void nodeStateTextAndFlagsBecomeOneUpperCaseList() {
        List<Node> nodes = V0038Reader.nodes(json("""
                {'nodes': [
                  {'name': 'c1', 'state': 'down+drain', 'state_flags': ['DRAIN', 'NOT_RESPONDING'], 'cpus': 32,
                   'gres': '', 'gres_used': 'gpu:0', 'cpu_load': 250, 'reason': 'disk', 'partitions': ['cpu']},
                  {'name': 'g1', 'state': 'mixed', 'state_flags': [], 'cpus': 32, 'alloc_cpus': 3,
                   'gres': 'gpu:a100:4(S:0-1)', 'gres_used': 'gpu:a100:2(IDX:0,2)', 'tres': 'cpu=32,mem=62.50G,gres/gpu=4'}
                ]}"""));
        Node c1 = nodes.get(0);
        assertThat(c1.states()).containsExactly("DOWN", "DRAIN", "NOT_RESPONDING");
        assertThat(c1.baseState()).isEqualTo("DOWN");
        assertThat(c1.isDrain()).isTrue();
        assertThat(c1.cpuLoad()).isEqualTo(2.5);
        assertThat(c1.reason()).isEqualTo("disk");
        assertThat(c1.gpus()).isZero();
        Node g1 = nodes.get(1);
        assertThat(g1.states()).containsExactly("MIXED");
        assertThat(g1.gpus()).isEqualTo(4);
        assertThat(g1.allocatedGpus()).isEqualTo(2);
        assertThat(g1.allocatedCpus()).isEqualTo(3);
        assertThat(g1.tres().memoryMb()).isEqualTo(64000);
        assertThat(g1.reason()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "gpu:4; 4",
            "gpu:0; 0",
            "gpu:1(IDX:0); 1",
            "gpu:2(IDX:0,2); 2",
            "gpu:a100:2(S:0-1),gpu:v100:1(S:0); 3",
            "gpu:a100:1(IDX:0),gpu:v100:1(IDX:N/A); 2",
            "gpu; 1",
            "mps:100,gpu:2; 2",
            "'(null)'; 0",
            "''; 0"})
    void countsGpusInGresStrings(String gres, long expected) {
        assertThat(Gres.gpuCount(gres)).isEqualTo(expected);
    }

    @Test
    void exitCodeIsTheHighByteOfTheWaitStatusAndNullWhenSignalled() {
        assertThat(V0038Reader.exitCode(0L)).isZero();
        assertThat(V0038Reader.exitCode(256L)).isEqualTo(1);
        assertThat(V0038Reader.exitCode(2L << 8)).isEqualTo(2);
        // SIGKILL (9), and what the lab logged for a launch failure: signal 53 with core dump bit.
        assertThat(V0038Reader.exitCode(9L)).isNull();
        assertThat(V0038Reader.exitCode(4021L)).isNull();
        assertThat(V0038Reader.exitCode(null)).isNull();
    }

    @Test
    void pendingArrayRecordAndUnlimitedTimeLimit() {
        Job job = V0038Reader.jobs(json("""
                {'jobs': [{'job_id': 14, 'array_job_id': 14, 'array_task_id': null, 'array_task_string': '4-9%4',
                  'job_state': 'PENDING', 'state_reason': 'JobArrayTaskLimit', 'time_limit': null, 'cpus': 1,
                  'node_count': 1, 'priority': 4294901746, 'tres_req_str': 'cpu=1,mem=100M,node=1,billing=1',
                  'tres_alloc_str': '', 'exit_code': 0, 'submit_time': 1795757315, 'start_time': 0}]}""")).getFirst();
        assertThat(job.isArray()).isTrue();
        assertThat(job.arrayJobId()).isEqualTo(14L);
        assertThat(job.arrayTaskId()).isNull();
        assertThat(job.arrayTaskString()).isEqualTo("4-9%4");
        assertThat(job.timeLimitMinutes()).isNull();
        assertThat(job.startTime()).isNull();
        assertThat(job.priority()).isEqualTo(4294901746L);
        assertThat(job.tresRequested().memoryMb()).isEqualTo(100);
        assertThat(job.tresAllocated().values()).isEmpty();
    }

    @Test
    void plainJobHasNoArrayId() {
        Job job = V0038Reader.jobs(json("{'jobs': [{'job_id': 7, 'array_job_id': 0, 'job_state': 'RUNNING', 'exit_code': 256}]}")).getFirst();
        assertThat(job.isArray()).isFalse();
        assertThat(job.arrayJobId()).isNull();
        assertThat(job.exitCode()).isEqualTo(1);
    }

    @Test
    void accountingJobSignalledHasNoExitCodeAndTresListsLiftToNames() {
        AccountingJob job = V0038Reader.accountingJobs(json("""
                {'jobs': [{'job_id': 5, 'array': {'job_id': 0, 'task_id': null}, 'user': 'alice', 'account': 'physics',
                  'partition': 'gpu', 'qos': 'gpu', 'state': {'current': 'FAILED', 'reason': 'None'},
                  'time': {'elapsed': 3, 'submission': 1795757276, 'eligible': 1795757276, 'start': 1795757277,
                           'end': 1795757280, 'limit': null},
                  'exit_code': {'status': 'SIGNALED', 'return_code': null, 'signal': {'signal_id': 53}},
                  'comment': {'administrator': null, 'job': 'my comment', 'system': null},
                  'tres': {'requested': [{'type': 'cpu', 'name': null, 'id': 1, 'count': 2},
                                         {'type': 'mem', 'name': null, 'id': 2, 'count': 100},
                                         {'type': 'energy', 'name': null, 'id': 3, 'count': null},
                                         {'type': 'gres', 'name': 'gpu', 'id': 1001, 'count': 1}],
                           'allocated': []},
                  'working_directory': '/home/alice'}]}""")).getFirst();
        assertThat(job.arrayJobId()).isNull();
        assertThat(job.states()).containsExactly("FAILED");
        assertThat(job.exitCode()).isNull();
        assertThat(job.timeLimitMinutes()).isNull();
        assertThat(job.elapsedSeconds()).isEqualTo(3);
        assertThat(job.comment()).isEqualTo("my comment");
        assertThat(job.tresRequested().values()).containsOnlyKeys("cpu", "mem", "gres/gpu");
        assertThat(job.tresRequested().gpus()).isEqualTo(1);
        assertThat(job.tresRequested().memoryMb()).isEqualTo(100);
    }

    @Test
    void qosListIsReadUnderEitherKeyWithJobLimits() {
        String one = """
                [{'name': 'debug', 'priority': 100, 'flags': ['DENY_LIMIT'], 'usage_factor': 2.0,
                  'limits': {'max': {'active_jobs': {'count': 40},
                                     'jobs': {'active_jobs': {'per': {'user': 5}}, 'per': {'user': 10}},
                                     'wall_clock': {'per': {'job': 30}},
                                     'tres': {'total': [{'type': 'cpu', 'count': 64}],
                                              'per': {'job': [{'type': 'gres', 'name': 'gpu:a100', 'count': 2}]}}}},
                  'preempt': {'list': ['scavenger']}}]""";
        for (String key : List.of("QOS", "qos")) {
            Qos q = V0038Reader.qos(json("{'" + key + "': " + one + "}")).getFirst();
            assertThat(q.name()).isEqualTo("debug");
            assertThat(q.priority()).isEqualTo(100);
            assertThat(q.flags()).containsExactly("DENY_LIMIT");
            assertThat(q.maxJobsPerUser()).isEqualTo(5);
            assertThat(q.maxSubmitJobsPerUser()).isEqualTo(10);
            assertThat(q.grpJobs()).isEqualTo(40);
            assertThat(q.maxWallMinutesPerJob()).isEqualTo(30);
            assertThat(q.grpTres().cpus()).isEqualTo(64);
            assertThat(q.maxTresPerJob().values()).containsEntry("gres/gpu:a100", 2L);
            assertThat(q.maxTresPerJob().gpus()).isEqualTo(2);
            assertThat(q.usageFactor()).isEqualTo(2.0);
            assertThat(q.preempt()).containsExactly("scavenger");
        }
    }

    @Test
    void associationJobLimits() {
        var a = V0038Reader.associations(json("""
                {'associations': [{'account': 'physics', 'cluster': 'lab', 'user': 'bob', 'qos': ['normal'],
                  'default': {'qos': 'normal'},
                  'max': {'jobs': {'active': 4, 'total': 20, 'per': {'count': null, 'submitted': null}},
                          'tres': {'total': [{'type': 'gres', 'name': 'gpu', 'count': 2}],
                                   'per': {'job': [{'type': 'cpu', 'count': 16}]}}}}]}""")).getFirst();
        assertThat(a.user()).isEqualTo("bob");
        assertThat(a.maxJobs()).isEqualTo(4);
        assertThat(a.maxSubmitJobs()).isEqualTo(20);
        assertThat(a.grpTres().gpus()).isEqualTo(2);
        assertThat(a.maxTresPerJob().cpus()).isEqualTo(16);
    }

    @Test
    void heldSubmitIsAcceptedWithTheErrorAsNotice() {
        JsonNode body = json("""
                {'errors': [{'error_code': 2042, 'error': 'Job is in held state, pending scheduler release'}],
                 'job_id': 2, 'step_id': 'BATCH', 'job_submit_user_msg': ''}""");
        SubmitResult result = V0038Reader.submitResult(body, RestTransport.readErrors(body, "errors"), List.of());
        assertThat(result.jobId()).isEqualTo(2);
        assertThat(result.notices()).extracting(SlurmError::number).containsExactly(ErrorClassifier.JOB_HELD);
    }

    @Test
    void submitWithoutJobIdFailsWithTheErrors() {
        JsonNode body = json("{'errors': [{'error_code': 2002, 'error': 'Access/permission denied'}]}");
        assertThatThrownBy(() -> V0038Reader.submitResult(body, RestTransport.readErrors(body, "errors"), List.of()))
                .isInstanceOf(SlurmException.PermissionDenied.class);
        JsonNode empty = json("{'errors': []}");
        assertThatThrownBy(() -> V0038Reader.submitResult(empty, List.of(), List.of()))
                .isInstanceOf(SlurmException.Rejected.class);
    }

    /** Bodies 22.05.8 sent for a token signed with the wrong key (all HTTP 500), copied from the lab. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'errors': [{'error': 'Unspecified error', 'errno': -1}]}",
            "{'errors': [{'description': 'slurmctld config is unable to load', 'error_number': -1, 'error': 'Unspecified error', 'source': 'slurm_load_ctl_conf'}]}",
            "{'errors': [{'description': 'Failed while looking for jobs', 'error_number': -1, 'error': 'Unspecified error', 'source': 'slurm_load_jobs'}]}",
            "{'errors': [{'description': 'Unable to find JobId=1', 'error_number': -1, 'error': 'Unspecified error', 'source': 'slurm_load_job'}]}",
            "{'errors': [{'error_code': 5005, 'error': 'Zero Bytes were transmitted or received'}]}",
            "{'errors': [{'error_number': 1007, 'error': 'Protocol authentication error', 'source': 'slurmdb_qos_get'}]}"})
    void badTokenAnswersOf2205AreAuthenticationFailures(String body) {
        List<SlurmError> errors = RestTransport.readErrors(json(body), "errors");
        assertThat(ErrorClassifier.classify(500, errors, "GET x")).isInstanceOf(SlurmException.Authentication.class);
    }

    @Test
    void unknownJobOn2205IsNotFoundNotAuthentication() {
        List<SlurmError> errors = RestTransport.readErrors(json("""
                {'errors': [{'description': 'Unable to find JobId=999999999', 'error_number': 2017,
                  'error': 'Invalid job id specified', 'source': 'slurm_load_job'}]}"""), "errors");
        assertThat(ErrorClassifier.classify(500, errors, "GET x")).isInstanceOf(SlurmException.NotFound.class);
    }
}
