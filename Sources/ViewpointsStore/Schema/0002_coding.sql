-- Coding: reviews, current codings, adjudications, the append-only audit trail, and the final coding
-- (DOMAIN.md §3) as views, so psql users and every later query see the same thing.
-- Every table is study-scoped: study_id leads every primary and foreign key.

-- A coder has been through a statement. A review covers the codes that existed then: code numbers are
-- never reused and only grow, so `codes_through` (the highest code number at the time) tells which codes
-- were seen; codes added later count as not yet reviewed.
CREATE TABLE reviews (
    study_id       bigint NOT NULL,
    statement_id   bigint NOT NULL,
    coder_id       bigint NOT NULL,
    codes_through  integer NOT NULL CHECK (codes_through >= 0),
    reviewed_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (study_id, statement_id, coder_id),
    FOREIGN KEY (study_id, statement_id) REFERENCES statements (study_id, statement_id) ON DELETE CASCADE,
    FOREIGN KEY (study_id, coder_id) REFERENCES coders (study_id, coder_id) ON DELETE CASCADE
);
CREATE INDEX reviews_by_coder ON reviews (study_id, coder_id, statement_id);

-- The current decision of a coder: code applied to a statement with a stance. No row means "not applied"
-- when the coder's review covers the code, and "not seen" otherwise. A coding always has its review.
CREATE TABLE codings (
    study_id      bigint NOT NULL,
    statement_id  bigint NOT NULL,
    code_id       bigint NOT NULL,
    coder_id      bigint NOT NULL,
    stance        smallint NOT NULL CHECK (stance BETWEEN -2 AND 2),
    note          text CHECK (note <> ''),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (study_id, statement_id, code_id, coder_id),
    FOREIGN KEY (study_id, statement_id, coder_id)
        REFERENCES reviews (study_id, statement_id, coder_id) ON DELETE CASCADE,
    FOREIGN KEY (study_id, code_id) REFERENCES codes (study_id, code_id) ON DELETE CASCADE
);
CREATE INDEX codings_by_coder ON codings (study_id, coder_id, statement_id) INCLUDE (code_id, stance);

-- The audit trail: one row per change, ids only (the note is the coder's own words, never interview text).
-- Append-only for every role (trigger and revoked privileges); hash-chained per study so that an edit made
-- with triggers disabled is still detected by `viewpoints audit verify`.
CREATE TABLE coding_events (
    study_id      bigint NOT NULL REFERENCES studies (study_id) ON DELETE CASCADE,
    seq           bigint NOT NULL,
    at            timestamptz NOT NULL,
    coder_id      bigint NOT NULL,
    statement_id  bigint NOT NULL,
    code_id       bigint,
    action        text NOT NULL
                  CHECK (action IN ('apply', 'change', 'remove', 'note', 'review', 'adjudicate')),
    old_applied   boolean,
    old_stance    smallint CHECK (old_stance BETWEEN -2 AND 2),
    new_applied   boolean,
    new_stance    smallint CHECK (new_stance BETWEEN -2 AND 2),
    note          text,
    prev_hash     bytea NOT NULL,
    hash          bytea NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (study_id, seq)
);
CREATE INDEX coding_events_by_pair ON coding_events (study_id, statement_id, code_id, seq);
CREATE INDEX coding_events_by_coder ON coding_events (study_id, coder_id, seq);

-- The last event of each study's chain. Its row lock, taken by a transaction's first event and held to
-- commit, orders a study's events; within the transaction the head travels in a transaction-local setting,
-- so a bulk insert does not update this row once per event.
CREATE TABLE coding_event_heads (
    study_id  bigint PRIMARY KEY REFERENCES studies (study_id) ON DELETE CASCADE,
    seq       bigint NOT NULL,
    hash      bytea NOT NULL
);

-- The text an event's hash covers: every field but the hashes, unambiguous and independent of settings.
-- STABLE, as to_char is: an IMMUTABLE wrapper around it would not be inlined and costs 20x per event.
CREATE FUNCTION coding_event_text(e coding_events) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT format('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s',
        e.study_id, e.seq, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), e.coder_id,
        e.statement_id, quote_nullable(e.code_id), quote_literal(e.action), quote_nullable(e.old_applied),
        quote_nullable(e.old_stance), quote_nullable(e.new_applied), quote_nullable(e.new_stance),
        quote_nullable(e.note))
$$;

CREATE FUNCTION coding_event_hash(e coding_events) RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT sha256(e.prev_hash || convert_to(coding_event_text(e), 'UTF8'))
$$;

CREATE FUNCTION coding_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    setting text := 'viewpoints.chain_head_' || NEW.study_id;
    cached text := current_setting(setting, true);
    head_seq bigint;
    head_hash bytea;
BEGIN
    IF cached IS NULL OR cached = '' THEN
        INSERT INTO coding_event_heads (study_id, seq, hash) VALUES (NEW.study_id, 0, '\x'::bytea)
            ON CONFLICT (study_id) DO NOTHING;
        SELECT seq, hash INTO head_seq, head_hash
          FROM coding_event_heads WHERE study_id = NEW.study_id FOR UPDATE;
    ELSE
        head_seq := split_part(cached, ':', 1)::bigint;
        head_hash := decode(split_part(cached, ':', 2), 'hex');
    END IF;
    NEW.seq := head_seq + 1;
    NEW.prev_hash := head_hash;
    NEW.at := clock_timestamp();
    NEW.hash := coding_event_hash(NEW);
    PERFORM set_config(setting, NEW.seq || ':' || encode(NEW.hash, 'hex'), true);
    RETURN NEW;
END
$$;

CREATE TRIGGER coding_events_chain BEFORE INSERT ON coding_events
    FOR EACH ROW EXECUTE FUNCTION coding_events_chain();

-- Once per statement: the recorded head becomes the last event inserted.
CREATE FUNCTION coding_events_advance_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE coding_event_heads h SET seq = n.seq, hash = n.hash
      FROM (SELECT DISTINCT ON (study_id) study_id, seq, hash FROM new_events ORDER BY study_id, seq DESC) n
     WHERE h.study_id = n.study_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER coding_events_head AFTER INSERT ON coding_events
    REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION coding_events_advance_head();

-- No role may change or remove an event; only deleting the whole study takes its events with it.
CREATE FUNCTION coding_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM studies WHERE study_id = OLD.study_id) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'coding events are append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'record a new coding action instead; the audit trail keeps every change';
END
$$;

CREATE TRIGGER coding_events_no_update BEFORE UPDATE OR DELETE ON coding_events
    FOR EACH ROW EXECUTE FUNCTION coding_events_append_only();
CREATE TRIGGER coding_events_no_truncate BEFORE TRUNCATE ON coding_events
    FOR EACH STATEMENT EXECUTE FUNCTION coding_events_append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON coding_events FROM PUBLIC;

-- Events whose hash or link to the previous event does not match: empty when the trail is intact.
CREATE VIEW coding_event_breaks AS
SELECT study_id, seq,
       CASE WHEN hash IS DISTINCT FROM expected_hash THEN 'altered'
            WHEN seq <> expected_seq THEN 'missing before'
            ELSE 'relinked' END AS problem
  FROM (SELECT e.study_id, e.seq, e.hash, e.prev_hash, coding_event_hash(e) AS expected_hash,
               coalesce(lag(e.hash) OVER w, '\x'::bytea) AS expected_prev,
               coalesce(lag(e.seq) OVER w, 0) + 1 AS expected_seq
          FROM coding_events e
        WINDOW w AS (PARTITION BY e.study_id ORDER BY e.seq)) e
 WHERE hash IS DISTINCT FROM expected_hash
    OR prev_hash IS DISTINCT FROM expected_prev
    OR seq <> expected_seq;

-- A lead's decision on a statement and proposition: applied with a stance, or absent.
-- `event_seq` is the seq of its event: a coder's change of decision after it makes it stale.
CREATE TABLE adjudications (
    study_id      bigint NOT NULL,
    statement_id  bigint NOT NULL,
    code_id       bigint NOT NULL,
    lead_id       bigint NOT NULL,
    applied       boolean NOT NULL,
    stance        smallint CHECK (stance BETWEEN -2 AND 2),
    event_seq     bigint NOT NULL,
    decided_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (study_id, statement_id, code_id),
    CHECK (applied = (stance IS NOT NULL)),
    FOREIGN KEY (study_id, statement_id) REFERENCES statements (study_id, statement_id) ON DELETE CASCADE,
    FOREIGN KEY (study_id, code_id) REFERENCES codes (study_id, code_id) ON DELETE CASCADE,
    FOREIGN KEY (study_id, lead_id) REFERENCES coders (study_id, coder_id)
);

-- Each reviewing coder's decision on each statement and proposition somebody applied there: applied with a
-- stance, or (stance NULL) reviewed without applying it. Pairs nobody applied are agreed absent.
CREATE VIEW coder_decisions AS
SELECT p.study_id, p.statement_id, p.code_id, r.coder_id, g.stance, g.stance IS NOT NULL AS applied, g.note
  FROM (SELECT DISTINCT study_id, statement_id, code_id FROM codings) p
  JOIN codes c ON c.study_id = p.study_id AND c.code_id = p.code_id
  JOIN reviews r ON r.study_id = p.study_id AND r.statement_id = p.statement_id
  LEFT JOIN codings g ON g.study_id = p.study_id AND g.statement_id = p.statement_id
                     AND g.code_id = p.code_id AND g.coder_id = r.coder_id
 WHERE r.codes_through >= c.number OR g.coder_id IS NOT NULL;

-- Whether an adjudication is stale: a coder changed their decision on its pair after it.
CREATE VIEW adjudication_status AS
SELECT a.*, EXISTS (
           SELECT 1 FROM coding_events e
            WHERE e.study_id = a.study_id AND e.statement_id = a.statement_id AND e.code_id = a.code_id
              AND e.action IN ('apply', 'change', 'remove') AND e.seq > a.event_seq) AS stale
  FROM adjudications a;

-- The final decision on every statement and proposition that somebody applied or adjudicated
-- (DOMAIN.md §3): the adjudication if there is one; else the only reviewer's decision; else the decision
-- all reviewers agree on; else unresolved (stance NULL). There is no majority vote. Pairs not listed are
-- absent (reviewed, nobody applied) or, on statements nobody reviewed, uncoded.
CREATE VIEW final_decisions AS
WITH votes AS (
    SELECT study_id, statement_id, code_id, count(*) AS reviewers, count(stance) AS applied,
           min(stance) AS lo, max(stance) AS hi
      FROM coder_decisions
     GROUP BY study_id, statement_id, code_id
)
SELECT study_id, statement_id, code_id,
       CASE WHEN a.code_id IS NOT NULL THEN 'adjudicated'
            WHEN v.reviewers = 1 THEN 'single'
            WHEN v.applied = v.reviewers AND v.lo = v.hi THEN 'agreed'
            ELSE 'unresolved' END AS basis,
       CASE WHEN a.code_id IS NOT NULL THEN a.applied
            WHEN v.applied = v.reviewers AND v.lo = v.hi THEN true
            WHEN v.reviewers = 1 THEN v.applied > 0
            END AS applied,
       CASE WHEN a.code_id IS NOT NULL THEN a.stance
            WHEN v.applied = v.reviewers AND v.lo = v.hi THEN v.lo
            END AS stance,
       coalesce(a.stale, false) AS stale,
       coalesce(v.reviewers, 0) AS reviewers
  FROM votes v
  FULL JOIN adjudication_status a USING (study_id, statement_id, code_id);

-- The final coding: applied final decisions with their stance and basis, plus the unresolved pairs
-- (basis 'unresolved', stance NULL), which consensus excludes and counts.
CREATE VIEW final_codings AS
SELECT f.study_id, f.statement_id, r.reference AS statement, f.code_id, c.key AS code, f.stance, f.basis, f.stale
  FROM final_decisions f
  JOIN statement_refs r ON r.study_id = f.study_id AND r.statement_id = f.statement_id
  JOIN codes c ON c.study_id = f.study_id AND c.code_id = f.code_id
 WHERE f.applied OR f.basis = 'unresolved';

-- Open disagreements: pairs whose reviewers differ and that no adjudication settles, and stale adjudications.
CREATE VIEW disagreements AS
SELECT f.study_id, f.statement_id, f.code_id, CASE WHEN f.stale THEN 'stale' ELSE 'open' END AS status
  FROM final_decisions f
 WHERE f.basis = 'unresolved' OR f.stale;
