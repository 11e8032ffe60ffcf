package org.slurmworkbench.workbench.notify;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The notification module with the modules it uses directly: the settings API answers the admin's own settings and
 * refuses a bad address and a webhook to a host nobody allowed, each with a 400 naming the field.
 */
// notify uses security's types only (CurrentUser, the SiteLogin event): security is included for its login and
// filters, web for the messages files
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = {"security", "web"})
@AutoConfigureMockMvc
class NotifyModuleIT {

    @Autowired
    MockMvc mvc;

    @Test
    void theSettingsApiAnswersAndRefusesBadFields() throws Exception {
        mvc.perform(get("/api/v1/notifications/settings").with(httpBasic("admin", "admin-test-password")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.language").exists());
        mvc.perform(put("/api/v1/notifications/settings").with(httpBasic("admin", "admin-test-password"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\": \"nobody\", \"webhookUrl\": \"https://hooks.example.org/x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("email"))
                .andExpect(jsonPath("$.errors[1].field").value("webhookUrl"));
    }
}
