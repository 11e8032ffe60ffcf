package org.slurmworkbench.workbench.workload.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A stopped and started context (Spring pauses cached contexts that no test uses, and starts them again) must drive
 * workload runs again: the engine's loop ended at the stop, and the ready event that first started it does not come
 * again. Found when WorkloadBrowserIT's run never started after other test classes had used other contexts.
 */
@SpringBootTest
class RunEngineRestartIT {

    @Autowired
    RunEngine engine;

    @Test
    void theLoopStopsWithTheContextAndRunsAgainWhenItStarts() {
        assertThat(engine.looping()).as("running after start-up").isTrue();
        engine.stop();
        assertThat(engine.looping()).as("stopped").isFalse();
        assertThat(engine.isRunning()).isFalse();
        engine.start();
        assertThat(engine.isRunning()).isTrue();
        assertThat(engine.looping()).as("running again after a start").isTrue();
    }
}
