-- Bench data for `Scripts/bench consensus`, inside study :study: :participants participants (7 constituencies),
-- :per statements each, 40 propositions under 4 themes, one coder who reviewed every statement and applied
-- :codings propositions to each, stances spread over −2 … 2. Deterministic.
INSERT INTO participants (study_id, pseudonym, number, digest, attributes)
SELECT :study, 'P' || lpad(i::text, 5, '0'), i, sha256(convert_to('p' || i, 'UTF8')),
       jsonb_build_object('constituency', (ARRAY['a', 'b', 'c', 'd', 'e', 'f', 'g'])[1 + i % 7])
  FROM generate_series(1, :participants) i;

INSERT INTO statements (study_id, participant_id, seq, text, text_sha256)
SELECT :study, p.participant_id, j, 'statement', sha256('\x00'::bytea)
  FROM participants p, generate_series(1, :per) j
 WHERE p.study_id = :study;

INSERT INTO codes (study_id, key, label, parent_id, number, position)
SELECT :study, 'theme' || t, 'Theme ' || t, NULL, t * 11 - 10, t * 11 - 10 FROM generate_series(1, 4) t;
INSERT INTO codes (study_id, key, label, parent_id, number, position)
SELECT :study, 'theme' || t || '.p' || q, 'Proposition ' || t || '.' || q, c.code_id, t * 11 - 10 + q, t * 11 - 10 + q
  FROM generate_series(1, 4) t CROSS JOIN generate_series(1, 10) q
  JOIN codes c ON c.study_id = :study AND c.key = 'theme' || t;
UPDATE studies SET next_code_number = 45 WHERE study_id = :study;

INSERT INTO coders (study_id, name) VALUES (:study, 'bench');
INSERT INTO reviews (study_id, statement_id, coder_id, codes_through)
SELECT :study, s.statement_id, k.coder_id, 44
  FROM statements s, coders k WHERE s.study_id = :study AND k.study_id = :study;

INSERT INTO codings (study_id, statement_id, code_id, coder_id, stance)
SELECT :study, s.statement_id, c.code_id, k.coder_id, ((s.seq * 31 + j * 17 + s.participant_id) % 7 + 3) / 2 % 5 - 2
  FROM statements s
  CROSS JOIN generate_series(0, :codings - 1) j
  JOIN codes c ON c.study_id = :study AND c.parent_id IS NOT NULL
              AND c.number = (((s.participant_id * 11 + s.seq * 7 + j * 13) % 40) / 10) * 11 + 2
                             + ((s.participant_id * 11 + s.seq * 7 + j * 13) % 40) % 10
  CROSS JOIN coders k
 WHERE s.study_id = :study AND k.study_id = :study;
ANALYZE;
