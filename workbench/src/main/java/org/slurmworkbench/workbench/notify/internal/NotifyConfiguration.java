package org.slurmworkbench.workbench.notify.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The end detector and the sender run on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NotifyConfiguration {
}
