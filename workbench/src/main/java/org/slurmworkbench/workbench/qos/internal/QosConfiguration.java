package org.slurmworkbench.workbench.qos.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The ceiling sampler runs on Spring's scheduler (enabled here too, so the module does not rely on another's). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class QosConfiguration {
}
