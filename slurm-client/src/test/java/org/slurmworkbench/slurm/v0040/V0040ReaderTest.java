package org.slurmworkbench.slurm.v0040;

import org.slurmworkbench.slurm.rest.Gres;
import org.slurmworkbench.slurm.rest.Json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.ApiVersion;
import org.slurmworkbench.slurm.JobsSnapshot;
import org.slurmworkbench.slurm.Ping;
import org.slurmworkbench.slurm.SlurmError;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.slurm.SubmitResult;
import org.slurmworkbench.slurm.rest.ErrorClassifier;
import org.slurmworkbench.slurm.rest.RestTransport;
import tools.jackson.databind.JsonNode;

/**
 * Version branches of {@link V0040Reader} on small answers copied from the real 24.11 and 26.05 daemons
 * (the recorded-responses test covers whole answers).
 */
class V0040ReaderTest {

    private static final ApiVersion V40 = ApiVersion.parse("v0.0.40");
    private static final ApiVersion V42 = ApiVersion.parse("v0.0.42");
    private static final ApiVersion V45 = ApiVersion.parse("v0.0.45");

    private static JsonNode json(String text) {
        return RestTransport.JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void pingOfEachShape() {
        // v0.0.40/41: pinged + mode only.
        List<Ping> v40 = V0040Reader.ping(json("{'pings':[{'hostname':'vm','pinged':'UP','latency':4075,'mode':'primary'}]}"), V40);
        assertThat(v40).containsExactly(new Ping("vm", true, true, 4075));
        // v0.0.42 with a bad token: pinged DOWN, responding false.
        List<Ping> down = V0040Reader.ping(json("{'pings':[{'hostname':'vm','pinged':'DOWN','responding':false,'latency':12125,"
                + "'mode':'primary','primary':true}]}"), V42);
        assertThat(down).containsExactly(new Ping("vm", false, true, 12125));
        // v0.0.45: no pinged/mode, a status text instead.
        List<Ping> v45 = V0040Reader.ping(json("{'pings':[{'hostname':'vm','responding':true,'latency':598,'primary':true,"
                + "'status':'No error'}]}"), V45);
        assertThat(v45).containsExactly(new Ping("vm", true, true, 598));
    }

    @Test
    void noJobChangesIsNotModified() {
        // 24.11/26.05 answer update_time with no change like this (HTTP 200), not with 304.
        JsonNode body = json("{'jobs':[],'last_backfill':{'set':true,'infinite':false,'number':0},"
                + "'last_update':{'set':true,'infinite':false,'number':0},'errors':[],'warnings':[{'description':"
                + "'No job changes since update_time[1795761805]=2026-11-27T06:43:25','source':'op_handler_jobs'}]}");
        Instant since = Instant.ofEpochSecond(1795761805);

        assertNotModified(V0040Reader.jobsSnapshot(body, V42, since), since);
        assertNotModified(V0040Reader.jobsSnapshot(null, V42, since), since); // a 304, as 22.05 answers

        // The same empty list without update_time is just an empty cluster.
        JobsSnapshot full = V0040Reader.jobsSnapshot(json("{'jobs':[],'last_update':{'set':true,'infinite':false,'number':1795761806}}"),
                V42, null);
        assertThat(full.notModified()).isFalse();
        assertThat(full.lastUpdate()).isEqualTo(Instant.ofEpochSecond(1795761806));
    }

    private static void assertNotModified(JobsSnapshot s, Instant since) {
        assertThat(s.notModified()).isTrue();
        assertThat(s.jobs()).isEmpty();
        assertThat(s.lastUpdate()).as("keeps what the caller passed").isEqualTo(since);
    }

    @Test
    void heldSubmitIsAcceptedWithNotices() {
        // v0.0.40/41 put the held "error" in result; the warnings say it again.
        JsonNode v40 = json("{'result':{'job_id':8,'step_id':'batch','error_code':2042,'error':'Job is in held state, "
                + "pending scheduler release','job_submit_user_msg':''},'job_id':8,'step_id':'batch','job_submit_user_msg':'',"
                + "'errors':[],'warnings':[{'description':'Job is in held state, pending scheduler release','source':"
                + "'slurm_submit_batch_job()'}]}");
        SubmitResult r40 = V0040Reader.submitResult(v40, V40);
        assertThat(r40.jobId()).isEqualTo(8);
        assertThat(r40.notices()).extracting(SlurmError::number).contains(ErrorClassifier.JOB_HELD);

        JsonNode v42 = json("{'job_id':10,'step_id':'batch','job_submit_user_msg':'','errors':[],'warnings':[{'description':"
                + "'Job is in held state, pending scheduler release','source':'slurm_submit_batch_job()'}]}");
        SubmitResult r42 = V0040Reader.submitResult(v42, V42);
        assertThat(r42.jobId()).isEqualTo(10);
        assertThat(r42.notices()).singleElement().satisfies(n -> assertThat(n.message()).contains("held"));

        assertThat(V0040Reader.submitResult(json("{'errors':[{'error_number':2015}]}"), V42)).isNull();
    }

    @Test
    void killFailuresComeWithHttp200() {
        // 24.11 v0.0.42: bob cancels alice's running job, then a job that has ended.
        JsonNode denied = json("{'status':[{'error':{'string':'Access/permission denied','code':2002,'message':"
                + "'Access/permission denied'},'step_id':'96','job_id':{'set':true,'infinite':false,'number':96},"
                + "'federation':{'sibling':''}}],'errors':[],'warnings':[]}");
        List<SlurmError> failures = V0040Reader.signalFailures(denied);
        assertThat(failures).extracting(SlurmError::number).containsExactly(ErrorClassifier.ACCESS_DENIED);
        assertThat(ErrorClassifier.classify(200, failures, "DELETE")).isInstanceOf(SlurmException.PermissionDenied.class);
        JsonNode done = json("{'status':[{'error':{'string':'Job/step already completing or completed','code':2021,"
                + "'message':'Job/step already completing or completed'},'step_id':'82','job_id':{'set':true,"
                + "'infinite':false,'number':82},'federation':{'sibling':''}}],'errors':[],'warnings':[]}");
        assertThat(V0040Reader.signalFailures(done)).extracting(SlurmError::number).containsExactly(V0040Api.ALREADY_DONE);
        assertThat(V0040Reader.signalFailures(json("{'status':[],'errors':[],'warnings':[]}"))).isEmpty();
        assertThat(V0040Reader.signalFailures(json("{'errors':[],'warnings':[]}"))).as("v0.0.40/41 say nothing").isEmpty();
    }

    @Test
    void exitCodes() {
        assertThat(V0040Reader.exitCode(json("{'status':['SUCCESS'],'return_code':{'set':true,'infinite':false,'number':0},"
                + "'signal':{'id':{'set':false,'infinite':false,'number':0},'name':''}}"))).isZero();
        assertThat(V0040Reader.exitCode(json("{'status':['ERROR'],'return_code':{'set':true,'infinite':false,'number':3},"
                + "'signal':{'id':{'set':false,'infinite':false,'number':0},'name':''}}"))).isEqualTo(3);
        assertThat(V0040Reader.exitCode(json("{'status':['SIGNALED'],'return_code':{'set':false,'infinite':false,'number':0},"
                + "'signal':{'id':{'set':true,'infinite':false,'number':15},'name':'TERM'}}"))).isNull();
        assertThat(V0040Reader.exitCode(json("{'status':['PENDING'],'return_code':{'set':true,'infinite':false,'number':0}}"))).isNull();
    }

    @Test
    void tresListsAndFloats() {
        assertThat(Json.tresList(json("[{'type':'gres','name':'gpu','id':1001,'count':2},{'type':'cpu','name':'','id':1,"
                + "'count':64},{'type':'mem','id':2}]")).values())
                .containsExactly(java.util.Map.entry("gres/gpu", 2L), java.util.Map.entry("cpu", 64L));
        assertThat(V0040Reader.decimal(json("{'set':true,'infinite':false,'number':1.5}"), 1.0)).isEqualTo(1.5);
        assertThat(V0040Reader.decimal(json("{'set':false,'infinite':false,'number':0.0}"), 1.0)).isEqualTo(1.0);
    }

    @Test
    void gresCounts() {
        assertThat(Gres.gpuCount("gpu:4")).isEqualTo(4);
        assertThat(Gres.gpuCount("gpu:0")).isZero();
        assertThat(Gres.gpuCount("gpu:1(IDX:0)")).isEqualTo(1);
        assertThat(Gres.gpuCount("gpu:a100:2(IDX:0,2),gpu:v100:1(IDX:5)")).isEqualTo(3);
        assertThat(Gres.gpuCount("gpu:a100:2(S:0-1),gpu:v100:2,mps:100")).isEqualTo(4);
        assertThat(Gres.gpuCount("")).isZero();
        assertThat(Gres.gpuCount(null)).isZero();
    }

    @Test
    void slurmdbConnectionErrorsOf2411And2605() {
        // A bad or expired token on /slurmdb: HTTP 502, error 7000. Only 24.11 says it was authentication.
        SlurmException e2411 = ErrorClassifier.classify(502, List.of(new SlurmError(7000, "Unable to connect to database",
                "Failed to open slurmdbd connection, authentication error", "openapi_get_db_conn")), "GET /slurmdb/v0.0.42/qos/");
        assertThat(e2411).isInstanceOf(SlurmException.Authentication.class);
        SlurmException e2605 = ErrorClassifier.classify(502, List.of(new SlurmError(7000, "Unable to connect to database",
                "Failed to open slurmdbd connection", "openapi_get_db_conn")), "GET /slurmdb/v0.0.45/qos/");
        assertThat(e2605).isInstanceOf(SlurmException.Unavailable.class);
        // A bad token on /slurm: HTTP 511, error 1007; an unknown job: HTTP 404, error 2017.
        assertThat(ErrorClassifier.classify(511, List.of(new SlurmError(1007, "Protocol authentication error",
                "Unable to query jobs", "slurm_load_jobs()")), "GET /slurm/v0.0.42/jobs/")).isInstanceOf(SlurmException.Authentication.class);
        assertThat(ErrorClassifier.classify(404, List.of(new SlurmError(2017, "Invalid job id specified",
                "Invalid JobID=999999999 rejected", "")), "GET /slurm/v0.0.42/job/999999999")).isInstanceOf(SlurmException.NotFound.class);
    }
}
