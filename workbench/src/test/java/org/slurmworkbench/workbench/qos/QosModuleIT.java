package org.slurmworkbench.workbench.qos;

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
 * The QOS module with the modules it uses directly (cluster, dashboard, lease) and, by name, security: the QOS API of
 * a lab cluster answers its QOS, the default {@code normal} among them, to a logged-in admin.
 */
// qos uses security's types (CurrentUser), not its beans: security is included for its login and filter chain; web for
// the table of Slurm's words the dashboard's charts use
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = {"security", "web"})
@AutoConfigureMockMvc
class QosModuleIT {

    @Autowired
    MockMvc mvc;

    @Test
    void theQosApiAnswersTheLabsQos() throws Exception {
        LabCluster lab = TestLab.present().getFirst();
        mvc.perform(get("/api/v1/clusters/" + lab.name() + "/qos").with(httpBasic("admin", "admin-test-password")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.name == 'normal')]").isNotEmpty());
    }
}
