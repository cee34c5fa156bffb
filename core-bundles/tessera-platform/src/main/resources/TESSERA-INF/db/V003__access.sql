-- Who may see and change what: departments, users' departments, console sessions, records shared with
-- users, and the permissions granted to roles beyond the built-in defaults.

CREATE TABLE department (
    id        VARCHAR(36)  NOT NULL PRIMARY KEY,
    name      VARCHAR(200) NOT NULL,
    parent_id VARCHAR(36)  REFERENCES department (id)
);

ALTER TABLE app_user ADD COLUMN department_id VARCHAR(36) REFERENCES department (id);
ALTER TABLE app_user ADD COLUMN active BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE app_user ADD COLUMN password_changed_at TIMESTAMP;

-- A console session; the token itself is never stored, only its SHA-256.
CREATE TABLE app_session (
    token_hash   VARCHAR(64)  NOT NULL PRIMARY KEY,
    username     VARCHAR(100) NOT NULL,
    csrf_token   VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMP    NOT NULL,
    last_seen_at TIMESTAMP    NOT NULL
);
CREATE INDEX app_session_user ON app_session (username);

-- A record its owner shared with another user, who may then see and change it.
CREATE TABLE record_share (
    entity    VARCHAR(60)  NOT NULL,
    record_id VARCHAR(36)  NOT NULL,
    username  VARCHAR(100) NOT NULL,
    PRIMARY KEY (entity, record_id, username)
);
CREATE INDEX record_share_user ON record_share (username, entity, record_id);

-- Permissions an administrator granted (granted = TRUE) or took away (FALSE) from a role, over the
-- defaults the role's declaration gives.
CREATE TABLE role_permission (
    role_name VARCHAR(100) NOT NULL,
    entity    VARCHAR(60)  NOT NULL,
    action    VARCHAR(20)  NOT NULL,
    granted   BOOLEAN      NOT NULL,
    PRIMARY KEY (role_name, entity, action)
);
