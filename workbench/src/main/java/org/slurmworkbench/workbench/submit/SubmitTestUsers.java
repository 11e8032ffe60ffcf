package org.slurmworkbench.workbench.submit;

import java.util.List;

/**
 * The Slurm users an admin may submit as ({@code workbench.submit.test-users}): the one list both the job form and
 * the workload runs check against.
 */
public interface SubmitTestUsers {

    List<String> testUsers();
}
