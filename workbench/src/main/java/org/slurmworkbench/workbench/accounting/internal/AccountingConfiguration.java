package org.slurmworkbench.workbench.accounting.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The periodic sync needs Spring's scheduler; nothing else in the app schedules yet. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(SyncProperties.class)
class AccountingConfiguration {
}
