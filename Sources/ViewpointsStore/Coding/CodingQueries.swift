/// SQL for coders, reviews, codings and their events.
enum CodingQueries {
    // MARK: - Coders

    static let insertCoder = """
        INSERT INTO coders (study_id, name) VALUES ($1, $2) ON CONFLICT (study_id, name) DO NOTHING RETURNING coder_id
        """
    static let coderByName = "SELECT coder_id, name FROM coders WHERE study_id = $1 AND name = $2"
    static let coderNames = "SELECT name FROM coders WHERE study_id = $1 ORDER BY name"
    static let coderOverview = """
        SELECT k.name,
               (SELECT count(*) FROM reviews r WHERE r.study_id = k.study_id AND r.coder_id = k.coder_id),
               (SELECT count(*) FROM codings g WHERE g.study_id = k.study_id AND g.coder_id = k.coder_id),
               to_char(k.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
          FROM coders k WHERE k.study_id = $1 ORDER BY k.name
        """

    // MARK: - Lookups

    static let statementByReference = """
        SELECT statement_id, reference FROM statement_refs WHERE study_id = $1 AND reference = $2
        """
    static let codeByKey = """
        SELECT code_id, key, number, parent_id IS NOT NULL FROM codes WHERE study_id = $1 AND key = $2
        """
    static let codeByNumber = """
        SELECT code_id, key, number, parent_id IS NOT NULL FROM codes WHERE study_id = $1 AND number = $2
        """

    // MARK: - Writes (each inside the caller's transaction)

    /// Records (or extends) a review to cover every code that exists now; locks the coder's review row, so
    /// one coder's actions on one statement are serialized.
    static let touchReview = """
        INSERT INTO reviews (study_id, statement_id, coder_id, codes_through)
        VALUES ($1, $2, $3, (SELECT next_code_number - 1 FROM studies WHERE study_id = $1))
        ON CONFLICT (study_id, statement_id, coder_id) DO UPDATE
           SET codes_through = greatest(reviews.codes_through, excluded.codes_through), reviewed_at = now()
        RETURNING (xmax = 0)
        """
    static let currentCoding = """
        SELECT stance, note FROM codings WHERE study_id = $1 AND statement_id = $2 AND code_id = $3 AND coder_id = $4
        """
    static let upsertCoding = """
        INSERT INTO codings (study_id, statement_id, code_id, coder_id, stance, note) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (study_id, statement_id, code_id, coder_id) DO UPDATE
           SET stance = excluded.stance, note = excluded.note, updated_at = now()
        """
    static let deleteCoding = """
        DELETE FROM codings WHERE study_id = $1 AND statement_id = $2 AND code_id = $3 AND coder_id = $4
        """
    static let insertEvent = """
        INSERT INTO coding_events (study_id, coder_id, statement_id, code_id, action, old_applied, old_stance,
                                   new_applied, new_stance, note)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        RETURNING seq
        """

    // MARK: - Reading one coder's work

    static let codingsOfCoder = """
        SELECT c.code_id, c.key, c.number, g.stance, g.note
          FROM codings g JOIN codes c ON c.study_id = g.study_id AND c.code_id = g.code_id
         WHERE g.study_id = $1 AND g.statement_id = $2 AND g.coder_id = $3
         ORDER BY c.position, c.number
        """

    // MARK: - Export

    static let exportCodings = """
        SELECT r.reference, k.name, c.key, g.stance::text, coalesce(g.note, '')
          FROM reviews v
          JOIN statement_refs r ON r.study_id = v.study_id AND r.statement_id = v.statement_id
          JOIN participants p ON p.study_id = r.study_id AND p.participant_id = r.participant_id
          JOIN coders k ON k.study_id = v.study_id AND k.coder_id = v.coder_id
          LEFT JOIN codings g ON g.study_id = v.study_id AND g.statement_id = v.statement_id
                             AND g.coder_id = v.coder_id
          LEFT JOIN codes c ON c.study_id = g.study_id AND c.code_id = g.code_id
         WHERE v.study_id = $1
         ORDER BY p.number, r.seq, k.name, c.position, c.number
        """
    static let exportFinal = """
        SELECT r.reference, c.key, f.stance::text, f.basis
          FROM maintained_final_decisions f
          JOIN statement_refs r ON r.study_id = f.study_id AND r.statement_id = f.statement_id
          JOIN statements s ON s.study_id = f.study_id AND s.statement_id = f.statement_id
          JOIN participants p ON p.study_id = s.study_id AND p.participant_id = s.participant_id
          JOIN codes c ON c.study_id = f.study_id AND c.code_id = f.code_id
         WHERE f.study_id = $1 AND f.applied
         ORDER BY p.number, s.seq, c.position, c.number
        """
    static let countUnresolved = """
        SELECT count(*) FROM maintained_final_decisions WHERE study_id = $1 AND basis = 'unresolved'
        """
}

/// SQL for `import codings`: the file is staged with COPY, checked and merged set-wise.
enum CodingImportQueries {
    static let createStage = """
        CREATE TEMP TABLE import_codings (
            line integer NOT NULL, statement text NOT NULL, coder text NOT NULL, code text, stance smallint,
            note text, statement_column integer NOT NULL, code_column integer NOT NULL
        ) ON COMMIT DROP
        """
    static let copyStage = """
        COPY import_codings (line, statement, coder, code, stance, note, statement_column, code_column) FROM STDIN
        """
    static let unknownStatements = StageQueries.unknownStatements(in: "import_codings")
    static let unknownCodes = StageQueries.unknownCodes(in: "import_codings")
    static let createCoders = """
        INSERT INTO coders (study_id, name) SELECT DISTINCT $1::bigint, coder FROM import_codings
        ON CONFLICT (study_id, name) DO NOTHING RETURNING name
        """
    static let resolve = """
        CREATE TEMP TABLE import_resolved ON COMMIT DROP AS
        SELECT i.line, i.statement, i.coder, i.code, i.stance, i.note, r.statement_id, c.code_id, k.coder_id,
               g.stance AS old_stance, g.note AS old_note,
               CASE WHEN i.code IS NULL THEN v.coder_id IS NOT NULL ELSE g.coder_id IS NOT NULL END AS existed
          FROM import_codings i
          JOIN statement_refs r ON r.study_id = $1 AND r.reference = i.statement
          JOIN coders k ON k.study_id = $1 AND k.name = i.coder
          LEFT JOIN codes c ON c.study_id = $1 AND c.key = i.code
          LEFT JOIN codings g ON g.study_id = $1 AND g.statement_id = r.statement_id AND g.code_id = c.code_id
                             AND g.coder_id = k.coder_id
          LEFT JOIN reviews v ON v.study_id = $1 AND v.statement_id = r.statement_id AND v.coder_id = k.coder_id
        """
    /// $2: whether notes are compared (the file has a note column).
    static let classify = """
        SELECT count(*) FILTER (WHERE NOT existed),
               count(*) FILTER (WHERE existed AND (code IS NULL OR (stance = old_stance
                                AND (NOT $2::boolean OR note IS NOT DISTINCT FROM old_note)))),
               count(*) FILTER (WHERE existed AND code IS NOT NULL AND (stance <> old_stance
                                OR ($2::boolean AND note IS DISTINCT FROM old_note))),
               (SELECT count(*) FROM codings g WHERE g.study_id = $1 AND NOT EXISTS (
                    SELECT 1 FROM import_resolved m WHERE m.statement_id = g.statement_id
                       AND m.code_id = g.code_id AND m.coder_id = g.coder_id))
          FROM import_resolved
        """
    static let changedLines = """
        SELECT line, coder, statement, code, old_stance, stance,
               CASE WHEN stance <> old_stance THEN 'stance ' || old_stance || ' → ' || stance ELSE 'note' END
          FROM import_resolved
         WHERE existed AND code IS NOT NULL AND (stance <> old_stance
               OR ($1::boolean AND note IS DISTINCT FROM old_note))
         ORDER BY line LIMIT 21
        """
    static let insertReviews = """
        INSERT INTO reviews (study_id, statement_id, coder_id, codes_through)
        SELECT DISTINCT $1::bigint, statement_id, coder_id, (SELECT next_code_number - 1 FROM studies WHERE study_id = $1)
          FROM import_resolved
        ON CONFLICT (study_id, statement_id, coder_id) DO UPDATE
           SET codes_through = excluded.codes_through, reviewed_at = now()
         WHERE reviews.codes_through < excluded.codes_through
        """
    static let reviewEvents = """
        INSERT INTO coding_events (study_id, coder_id, statement_id, action)
        SELECT $1, coder_id, statement_id, 'review' FROM import_resolved
         WHERE code IS NULL AND NOT existed ORDER BY line
        """
    static let insertCodings = """
        INSERT INTO codings (study_id, statement_id, code_id, coder_id, stance, note)
        SELECT $1, statement_id, code_id, coder_id, stance, note FROM import_resolved
         WHERE code IS NOT NULL AND NOT existed
        """
    static let applyEvents = """
        INSERT INTO coding_events (study_id, coder_id, statement_id, code_id, action, old_applied, new_applied,
                                   new_stance, note)
        SELECT $1, coder_id, statement_id, code_id, 'apply', false, true, stance, note FROM import_resolved
         WHERE code IS NOT NULL AND NOT existed ORDER BY line
        """
    /// $2: whether notes are replaced.
    static let updateCodings = """
        UPDATE codings g SET stance = m.stance, note = CASE WHEN $2::boolean THEN m.note ELSE g.note END,
               updated_at = now()
          FROM import_resolved m
         WHERE g.study_id = $1 AND g.statement_id = m.statement_id AND g.code_id = m.code_id
           AND g.coder_id = m.coder_id AND m.existed
           AND (m.stance <> m.old_stance OR ($2::boolean AND m.note IS DISTINCT FROM m.old_note))
        """
    static let changeEvents = """
        INSERT INTO coding_events (study_id, coder_id, statement_id, code_id, action, old_applied, old_stance,
                                   new_applied, new_stance, note)
        SELECT $1, coder_id, statement_id, code_id, CASE WHEN stance <> old_stance THEN 'change' ELSE 'note' END,
               true, old_stance, true, stance, CASE WHEN $2::boolean THEN note ELSE old_note END
          FROM import_resolved
         WHERE existed AND code IS NOT NULL
           AND (stance <> old_stance OR ($2::boolean AND note IS DISTINCT FROM old_note))
         ORDER BY line
        """
}

/// SQL for adjudications: `import adjudications` stages the file with COPY; `adjudicate` writes one.
enum AdjudicationQueries {
    static let dropStage = "DROP TABLE IF EXISTS pg_temp.import_adjudications"

    static let createStage = """
        CREATE TEMP TABLE import_adjudications (
            line integer NOT NULL, statement text NOT NULL, code text NOT NULL, stance smallint,
            statement_column integer NOT NULL, code_column integer NOT NULL
        ) ON COMMIT DROP
        """
    static let copyStage = """
        COPY import_adjudications (line, statement, code, stance, statement_column, code_column) FROM STDIN
        """
    static let unknownStatements = StageQueries.unknownStatements(in: "import_adjudications")
    static let unknownCodes = StageQueries.unknownCodes(in: "import_adjudications")
    static let resolve = """
        CREATE TEMP TABLE import_adjudications_resolved ON COMMIT DROP AS
        SELECT i.line, i.statement, i.code, i.stance, r.statement_id, c.code_id,
               a.code_id IS NOT NULL AS existed, a.stance AS old_stance, a.applied AS old_applied,
               a.code_id IS NOT NULL AND a.stance IS NOT DISTINCT FROM i.stance AS same
          FROM import_adjudications i
          JOIN statement_refs r ON r.study_id = $1 AND r.reference = i.statement
          JOIN codes c ON c.study_id = $1 AND c.key = i.code
          LEFT JOIN adjudications a ON a.study_id = $1 AND a.statement_id = r.statement_id AND a.code_id = c.code_id
        """
    static let classify = """
        SELECT count(*) FILTER (WHERE NOT existed), count(*) FILTER (WHERE same),
               count(*) FILTER (WHERE existed AND NOT same),
               (SELECT count(*) FROM adjudications a WHERE a.study_id = $1 AND NOT EXISTS (
                    SELECT 1 FROM import_adjudications_resolved m
                     WHERE m.statement_id = a.statement_id AND m.code_id = a.code_id))
          FROM import_adjudications_resolved
        """
    static let changedLines = """
        SELECT line, statement, code, coalesce(old_stance::text, 'absent'), coalesce(stance::text, 'absent')
          FROM import_adjudications_resolved WHERE existed AND NOT same ORDER BY line LIMIT 21
        """
    /// $2: the lead; writes the new (and, with --update, changed) decisions and their events.
    static let write = """
        WITH picks AS (
            SELECT line, statement_id, code_id, stance, old_applied, old_stance FROM import_adjudications_resolved
             WHERE NOT same AND (NOT existed OR $3::boolean)
        )
        """ + decide(order: "line")

    /// After a CTE `picks` (statement_id, code_id, stance, old_applied, old_stance) of study $1 decided by lead
    /// $2: their events in `order` (a fixed column list, never a value), then the adjudications pointing at them.
    static func decide(order: String) -> String {
        """
        , decided AS (
            INSERT INTO coding_events (study_id, coder_id, statement_id, code_id, action, old_applied, old_stance,
                                       new_applied, new_stance)
            SELECT $1, $2, statement_id, code_id, 'adjudicate', old_applied, old_stance, stance IS NOT NULL, stance
              FROM picks ORDER BY \(order)
            RETURNING statement_id, code_id, new_stance, seq
        )
        INSERT INTO adjudications (study_id, statement_id, code_id, lead_id, applied, stance, event_seq)
        SELECT $1, statement_id, code_id, $2, new_stance IS NOT NULL, new_stance, seq FROM decided
        ON CONFLICT (study_id, statement_id, code_id) DO UPDATE
           SET lead_id = excluded.lead_id, applied = excluded.applied, stance = excluded.stance,
               event_seq = excluded.event_seq, decided_at = now()
        """
    }
    static let current = """
        SELECT applied, stance FROM adjudications WHERE study_id = $1 AND statement_id = $2 AND code_id = $3
        """
    static let upsert = """
        INSERT INTO adjudications (study_id, statement_id, code_id, lead_id, applied, stance, event_seq)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (study_id, statement_id, code_id) DO UPDATE
           SET lead_id = excluded.lead_id, applied = excluded.applied, stance = excluded.stance,
               event_seq = excluded.event_seq, decided_at = now()
        """
}

/// SQL for the interactive session.
enum SessionQueries {
    /// Deletes a coder's review of a statement when no coding of theirs is left on it (an undone first coding).
    static let dropReviewWithoutCodings = """
        DELETE FROM reviews r WHERE r.study_id = $1 AND r.statement_id = $2 AND r.coder_id = $3
           AND NOT EXISTS (SELECT 1 FROM codings c WHERE c.study_id = r.study_id AND c.statement_id = r.statement_id
                                                     AND c.coder_id = r.coder_id)
        RETURNING r.statement_id
        """
    /// Statements in study order (participant number, then seq); $2 restricts to one pseudonym when not null.
    static let order = """
        SELECT s.statement_id, r.reference, p.pseudonym
          FROM statements s
          JOIN statement_refs r ON r.study_id = s.study_id AND r.statement_id = s.statement_id
          JOIN participants p ON p.study_id = s.study_id AND p.participant_id = s.participant_id
         WHERE s.study_id = $1
         ORDER BY p.number, s.seq
        """
    /// Statements the coder has reviewed with every code that exists now.
    static let reviewedByCoder = """
        SELECT statement_id FROM reviews
         WHERE study_id = $1 AND coder_id = $2
           AND codes_through >= (SELECT coalesce(max(number), 0) FROM codes WHERE study_id = $1)
        """
    static let statement = """
        SELECT r.reference, p.pseudonym, p.attributes::text, s.question, s.text
          FROM statements s
          JOIN statement_refs r ON r.study_id = s.study_id AND r.statement_id = s.statement_id
          JOIN participants p ON p.study_id = s.study_id AND p.participant_id = s.participant_id
         WHERE s.study_id = $1 AND s.statement_id = $2
        """
}
