package org.slurmworkbench.workbench.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The security module with the modules it uses directly (cluster): the bootstrap admin logs in with HTTP Basic and
 * {@code /api/v1/me} answers who they are; without a login the API answers 401.
 */
@ApplicationModuleTest(ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
@AutoConfigureMockMvc
class SecurityModuleIT {

    @Autowired
    MockMvc mvc;

    @Test
    void theAdminLogsInAndTheApiSaysWhoTheyAre() throws Exception {
        mvc.perform(get("/api/v1/me").with(httpBasic("admin", "admin-test-password")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value("admin"))
                .andExpect(jsonPath("$.role").value("ADMIN"))
                .andExpect(jsonPath("$.slurmUser").value("wbadmin"));
        mvc.perform(get("/api/v1/me")).andExpect(status().isUnauthorized());
    }
}
