package org.slurmworkbench.workbench.nodes;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The nodes module with the modules it uses directly (cluster, security): the node API of a lab cluster answers the
 * lab's four nodes to a logged-in admin (NodesIT compares them with scontrol on every release).
 */
@ApplicationModuleTest(ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
@AutoConfigureMockMvc
class NodesModuleIT {

    @Autowired
    MockMvc mvc;

    @Test
    void theNodeApiAnswersTheLabsNodes() throws Exception {
        LabCluster lab = TestLab.present().getFirst();
        mvc.perform(get("/api/v1/clusters/" + lab.name() + "/nodes").with(httpBasic("admin", "admin-test-password")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(4))
                .andExpect(jsonPath("$[0].cpus").isNumber());
    }
}
