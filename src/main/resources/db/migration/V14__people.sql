-- People with a PIN (issue #13): who unlocked the app lock, so that the audit log can say who did what. Only the
-- PIN's slow hash is kept (as for the lock password); failed tries and the lockout survive a restart, so a 4-digit
-- PIN cannot be guessed by restarting between tries.
CREATE TABLE person (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    name          VARCHAR_IGNORECASE(60) NOT NULL UNIQUE,
    role          VARCHAR(10)  NOT NULL,
    pin_algorithm VARCHAR(40)  NOT NULL,
    pin_cost      INT          NOT NULL,
    pin_salt      VARCHAR(64)  NOT NULL,
    pin_hash      VARCHAR(128) NOT NULL,
    failed_tries  INT          DEFAULT 0 NOT NULL,
    locked_until  TIMESTAMP(3) WITH TIME ZONE,
    created_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT person_role CHECK (role IN ('owner', 'staff'))
);
-- Who was unlocked when the row was written (the name and role then: a person removed later stays named).
ALTER TABLE audit_log ADD COLUMN person VARCHAR(60);
ALTER TABLE audit_log ADD COLUMN person_role VARCHAR(10);
