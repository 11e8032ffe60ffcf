-- Where a user logs in: LOCAL (bcrypt password here) or a site login (LDAP, KERBEROS) whose record the workbench
-- keeps up to date at each login. A site login never takes over a LOCAL account of the same name.
ALTER TABLE users
    ADD COLUMN login_source VARCHAR(16) NOT NULL DEFAULT 'LOCAL',
    ADD CONSTRAINT ck_users_login_source CHECK (login_source IN ('LOCAL', 'LDAP', 'KERBEROS'));
