-- Viewpoints core schema: studies and what belongs to them.
-- Every study-scoped table carries study_id in its primary and foreign keys, so a study can be the
-- distribution column of a sharded PostgreSQL (e.g. Citus). Names of participants are never stored:
-- only a keyed digest (HMAC-SHA256 under the study's key, computed by the client) identifies a person.
--
-- Rewritten in issue 12: its functions, triggers and views are in Schema/definitions/ alone now, which `db migrate`
-- applies after the migrations. A database migrated with the former text is accepted (`Migration.rewritten`).

CREATE TABLE studies (
    study_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug              text NOT NULL UNIQUE
                      CHECK (slug ~ '^[a-z0-9][a-z0-9-]*$' AND length(slug) <= 63),
    title             text NOT NULL DEFAULT '' CHECK (length(title) <= 500),
    key_fingerprint   text NOT NULL CHECK (key_fingerprint ~ '^[0-9a-f]{64}$'),
    pseudonym_width   integer CHECK (pseudonym_width BETWEEN 2 AND 9),
    next_code_number  integer NOT NULL DEFAULT 1 CHECK (next_code_number >= 1),
    created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE participants (
    study_id        bigint NOT NULL REFERENCES studies (study_id) ON DELETE CASCADE,
    participant_id  bigint GENERATED ALWAYS AS IDENTITY,
    pseudonym       text NOT NULL CHECK (pseudonym ~ '^P[0-9]{2,}$'),
    number          integer NOT NULL CHECK (number >= 1),
    digest          bytea NOT NULL CHECK (length(digest) = 32),
    attributes      jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(attributes) = 'object'),
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (study_id, participant_id),
    UNIQUE (study_id, pseudonym),
    UNIQUE (study_id, number),
    UNIQUE (study_id, digest)
);

-- study_id needs no foreign key of its own here: the one to participants implies it (and each foreign key
-- costs a check per row on COPY; Scripts/bench import measured it).
CREATE TABLE statements (
    study_id        bigint NOT NULL,
    statement_id    bigint GENERATED ALWAYS AS IDENTITY,
    participant_id  bigint NOT NULL,
    seq             integer NOT NULL CHECK (seq >= 1),
    external_id     text CHECK (external_id <> '' AND external_id !~ '[\r\n\t]'),
    question        text,
    source          text,
    text            text NOT NULL CHECK (text <> ''),
    text_sha256     bytea NOT NULL CHECK (length(text_sha256) = 32),
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (study_id, statement_id),
    CONSTRAINT statements_participant_fkey FOREIGN KEY (study_id, participant_id)
        REFERENCES participants (study_id, participant_id) ON DELETE CASCADE,
    UNIQUE (study_id, participant_id, seq)
);

CREATE UNIQUE INDEX statements_external_id_key ON statements (study_id, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE codes (
    study_id     bigint NOT NULL REFERENCES studies (study_id) ON DELETE CASCADE,
    code_id      bigint GENERATED ALWAYS AS IDENTITY,
    key          text NOT NULL
                 CHECK (key ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)?$'),
    label        text NOT NULL CHECK (label <> ''),
    description  text NOT NULL DEFAULT '',
    parent_id    bigint,
    number       integer NOT NULL CHECK (number >= 1),
    position     integer NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (study_id, code_id),
    FOREIGN KEY (study_id, parent_id) REFERENCES codes (study_id, code_id),
    UNIQUE (study_id, key),
    UNIQUE (study_id, number),
    -- a theme has no dot and no parent; a proposition has exactly one dot and a parent
    CHECK ((parent_id IS NULL) = (position('.' IN key) = 0))
);

-- Two levels exactly, and a proposition's key starts with its theme's key and a dot: the trigger
-- codes_parent_check, in Schema/definitions/01_codebook.sql.

CREATE TABLE coders (
    study_id    bigint NOT NULL REFERENCES studies (study_id) ON DELETE CASCADE,
    coder_id    bigint GENERATED ALWAYS AS IDENTITY,
    name        text NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]*$' AND length(name) <= 64),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (study_id, coder_id),
    UNIQUE (study_id, name)
);

-- The statement reference used everywhere (the view statement_refs) is in Schema/definitions/01_codebook.sql.
