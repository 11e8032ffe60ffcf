package org.slurmworkbench.workbench.notify.internal;

/** Where a message goes. */
enum Channel { EMAIL, WEBHOOK }
