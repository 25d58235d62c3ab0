-- Each change an administrator makes to an account that must end its open sessions (roles, password, disabling)
-- counts this up; a session signed in under an older generation is ended at its next request (on every node).
ALTER TABLE users
    ADD COLUMN session_generation INT NOT NULL DEFAULT 0;
