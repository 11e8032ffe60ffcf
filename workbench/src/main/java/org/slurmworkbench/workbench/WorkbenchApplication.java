package org.slurmworkbench.workbench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Slurm Workbench: a web application beside a Slurm cluster that talks to it only through slurmrestd.
 * Each top-level package is a Spring Modulith module (see {@code ModularityTests}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkbenchApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorkbenchApplication.class, args);
    }
}
