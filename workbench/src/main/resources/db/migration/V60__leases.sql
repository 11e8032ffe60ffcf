-- Which instance runs a periodic task (see lease/Leases). Times are MariaDB's own clock.
CREATE TABLE workbench_lease (
    name        VARCHAR(100) NOT NULL PRIMARY KEY,
    holder      VARCHAR(200) NOT NULL,
    expires_at  DATETIME(3)  NOT NULL,
    acquired_at DATETIME(3)  NOT NULL
);
