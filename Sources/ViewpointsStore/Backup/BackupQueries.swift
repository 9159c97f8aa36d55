/// One table of a backup: the columns written (internal ids included, remapped on restore) and their order.
struct BackupTable: Sendable {
    var name: String
    var columns: [String]
    var order: String
    /// The schema version that added the table: an archive written before it has no such file.
    var since = 0

    var file: String { name + ".csv" }
    var columnList: String { columns.joined(separator: ", ") }

    /// The study's rows as CSV with a header; the study id comes from a transaction-local setting, since COPY
    /// takes no parameters.
    var copyOut: String {
        """
        COPY (SELECT \(columnList) FROM \(name)
               WHERE study_id = current_setting('viewpoints.backup_study')::bigint ORDER BY \(order))
          TO STDOUT (FORMAT csv, HEADER true)
        """
    }
    /// A staging table with the same columns and types, dropped at commit.
    var stage: String {
        "CREATE TEMP TABLE restore_\(name) ON COMMIT DROP AS SELECT \(columnList) FROM \(name) WITH NO DATA"
    }
    var copyIn: String { "COPY restore_\(name) (\(columnList)) FROM STDIN (FORMAT csv, HEADER true)" }
}

/// SQL for `backup` and `restore`. Table and column names are constants of this file, never input.
enum BackupQueries {
    static let tables: [BackupTable] = [
        BackupTable(
            name: "studies",
            columns: [
                "study_id", "slug", "title", "key_fingerprint", "pseudonym_width", "next_code_number", "created_at",
            ],
            order: "study_id"),
        BackupTable(
            name: "participants",
            columns: ["participant_id", "pseudonym", "number", "digest", "attributes", "created_at"], order: "number"),
        BackupTable(
            name: "statements",
            columns: [
                "statement_id", "participant_id", "seq", "external_id", "question", "source", "text", "text_sha256",
                "created_at",
            ], order: "statement_id"),
        BackupTable(
            name: "codes",
            columns: ["code_id", "key", "label", "description", "parent_id", "number", "position", "created_at"],
            order: "number"),
        BackupTable(name: "coders", columns: ["coder_id", "name", "created_at"], order: "coder_id"),
        BackupTable(
            name: "reviews", columns: ["statement_id", "coder_id", "codes_through", "reviewed_at"],
            order: "statement_id, coder_id"),
        BackupTable(
            name: "codings", columns: ["statement_id", "code_id", "coder_id", "stance", "note", "updated_at"],
            order: "statement_id, code_id, coder_id"),
        BackupTable(
            name: "coding_events",
            columns: [
                "seq", "at", "coder_id", "statement_id", "code_id", "action", "old_applied", "old_stance",
                "new_applied",
                "new_stance", "note", "hash",
            ], order: "seq"),
        BackupTable(
            name: "adjudications",
            columns: ["statement_id", "code_id", "lead_id", "applied", "stance", "event_seq", "decided_at"],
            order: "statement_id, code_id"),
        BackupTable(
            name: "withdrawals",
            columns: [
                "pseudonym", "number", "digest", "statement_ids", "statements", "codings", "reviews", "adjudications",
                "withdrawn_by", "lead", "withdrawn_at", "chain_seq",
            ], order: "number"),
        BackupTable(
            name: "participant_cell_keys", columns: ["participant_id", "cell_key"], order: "participant_id", since: 10),
    ]

    /// Migrations that change nothing an archive holds except by adding a table an archive may lack: an archive
    /// written before them restores (the database's schema version may exceed the archive's by these alone).
    /// 9: the maintained final decisions and participant stances, which restore derives from what it restores.
    /// 10: participants' cell keys, which the insert trigger generates when the archive has none.
    /// 13: the maintained coverage counts, which restore derives like the stances of 9.
    /// 15: the maintained quote candidates of the report, which restore derives with the stances of 9.
    static let archiveNeutralMigrations: Set<Int> = [9, 10, 13, 15]
    static let migrationsSince =
        "SELECT coalesce(array_agg(version ORDER BY version), '{}') FROM schema_migrations WHERE version > $1"

    /// Inside the backup's repeatable-read, read-only transaction: one snapshot, text as the archive wants it.
    static let snapshot = """
        SET LOCAL TimeZone = 'UTC';
        SET LOCAL DateStyle = 'ISO, YMD';
        SET LOCAL extra_float_digits = 3;
        """
    static let setStudy = "SELECT set_config('viewpoints.backup_study', $1, true)"
    static let schemaVersion = "SELECT max(version) FROM schema_migrations"

    static let prepare = """
        SET LOCAL TimeZone = 'UTC';
        SET LOCAL viewpoints.restoring = 'on';
        CREATE TEMP TABLE restore_map_participants (old bigint PRIMARY KEY, new bigint NOT NULL) ON COMMIT DROP;
        CREATE TEMP TABLE restore_map_statements (old bigint PRIMARY KEY, new bigint NOT NULL) ON COMMIT DROP;
        CREATE TEMP TABLE restore_map_codes (old bigint PRIMARY KEY, new bigint NOT NULL) ON COMMIT DROP;
        CREATE TEMP TABLE restore_map_coders (old bigint PRIMARY KEY, new bigint NOT NULL) ON COMMIT DROP;
        """
    static let studyRows = "SELECT count(*), min(key_fingerprint) FROM restore_studies"
    /// $1: the new slug.
    static let insertStudy = """
        INSERT INTO studies (slug, title, key_fingerprint, pseudonym_width, next_code_number, created_at)
        SELECT $1, title, key_fingerprint, pseudonym_width, next_code_number, created_at FROM restore_studies
        RETURNING study_id
        """
    /// Each with $1: the new study id; in this order (parents before children, events before what cites them).
    static let remap: [String] = [
        """
        INSERT INTO participants (study_id, pseudonym, number, digest, attributes, created_at)
        SELECT $1, pseudonym, number, digest, attributes, created_at FROM restore_participants ORDER BY number
        """,
        """
        INSERT INTO restore_map_participants
        SELECT r.participant_id, p.participant_id
          FROM restore_participants r JOIN participants p ON p.study_id = $1 AND p.number = r.number
        """,
        """
        INSERT INTO statements (study_id, participant_id, seq, external_id, question, source, text, text_sha256,
                                created_at)
        SELECT $1, m.new, r.seq, r.external_id, r.question, r.source, r.text, r.text_sha256, r.created_at
          FROM restore_statements r JOIN restore_map_participants m ON m.old = r.participant_id
         ORDER BY r.statement_id
        """,
        """
        INSERT INTO restore_map_statements
        SELECT r.statement_id, s.statement_id
          FROM restore_statements r
          JOIN restore_map_participants m ON m.old = r.participant_id
          JOIN statements s ON s.study_id = $1 AND s.participant_id = m.new AND s.seq = r.seq
        """,
        """
        INSERT INTO codes (study_id, key, label, description, parent_id, number, position, created_at)
        SELECT $1, key, label, description, NULL, number, position, created_at
          FROM restore_codes WHERE parent_id IS NULL ORDER BY number
        """,
        """
        INSERT INTO codes (study_id, key, label, description, parent_id, number, position, created_at)
        SELECT $1, r.key, r.label, r.description, c.code_id, r.number, r.position, r.created_at
          FROM restore_codes r
          JOIN restore_codes t ON t.code_id = r.parent_id
          JOIN codes c ON c.study_id = $1 AND c.key = t.key
         ORDER BY r.number
        """,
        """
        INSERT INTO restore_map_codes
        SELECT r.code_id, c.code_id FROM restore_codes r JOIN codes c ON c.study_id = $1 AND c.key = r.key
        """,
        """
        INSERT INTO coders (study_id, name, created_at) SELECT $1, name, created_at FROM restore_coders ORDER BY coder_id
        """,
        """
        INSERT INTO restore_map_coders
        SELECT r.coder_id, k.coder_id FROM restore_coders r JOIN coders k ON k.study_id = $1 AND k.name = r.name
        """,
        // the participants' insert trigger gave each a fresh key; the archived ones take their place
        """
        UPDATE participant_cell_keys k SET cell_key = r.cell_key
          FROM restore_participant_cell_keys r JOIN restore_map_participants m ON m.old = r.participant_id
         WHERE k.study_id = $1 AND k.participant_id = m.new
        """,
    ]
    /// Ids only events and withdrawals still name (withdrawn statements): fresh ids from the identity sequences,
    /// which no row will ever take. No parameters.
    static let freshIDs: [String] = [
        """
        INSERT INTO restore_map_statements
        SELECT old, nextval(pg_get_serial_sequence('statements', 'statement_id'))
          FROM (SELECT statement_id AS old FROM restore_coding_events
                UNION SELECT unnest(statement_ids) FROM restore_withdrawals
                UNION SELECT statement_id FROM restore_adjudications) x
         WHERE NOT EXISTS (SELECT 1 FROM restore_map_statements m WHERE m.old = x.old)
         ORDER BY old
        """,
        """
        INSERT INTO restore_map_codes
        SELECT old, nextval(pg_get_serial_sequence('codes', 'code_id'))
          FROM (SELECT code_id AS old FROM restore_coding_events WHERE code_id IS NOT NULL) x
         WHERE NOT EXISTS (SELECT 1 FROM restore_map_codes m WHERE m.old = x.old)
         GROUP BY old ORDER BY old
        """,
        """
        INSERT INTO restore_map_coders
        SELECT old, nextval(pg_get_serial_sequence('coders', 'coder_id'))
          FROM (SELECT coder_id AS old FROM restore_coding_events UNION SELECT lead_id FROM restore_adjudications) x
         WHERE NOT EXISTS (SELECT 1 FROM restore_map_coders m WHERE m.old = x.old)
         ORDER BY old
        """,
    ]
    /// Each with $1: the new study id.
    static let remapCoding: [String] = [
        """
        INSERT INTO reviews (study_id, statement_id, coder_id, codes_through, reviewed_at)
        SELECT $1, s.new, k.new, r.codes_through, r.reviewed_at
          FROM restore_reviews r
          JOIN restore_map_statements s ON s.old = r.statement_id
          JOIN restore_map_coders k ON k.old = r.coder_id
        """,
        """
        INSERT INTO codings (study_id, statement_id, code_id, coder_id, stance, note, updated_at)
        SELECT $1, s.new, c.new, k.new, r.stance, r.note, r.updated_at
          FROM restore_codings r
          JOIN restore_map_statements s ON s.old = r.statement_id
          JOIN restore_map_codes c ON c.old = r.code_id
          JOIN restore_map_coders k ON k.old = r.coder_id
        """,
        // replayed in order: the chain trigger gives each event the same seq as before and a new hash
        """
        INSERT INTO coding_events (study_id, at, coder_id, statement_id, code_id, action, old_applied, old_stance,
                                   new_applied, new_stance, note)
        SELECT $1, r.at, k.new, s.new, c.new, r.action, r.old_applied, r.old_stance, r.new_applied, r.new_stance,
               r.note
          FROM restore_coding_events r
          JOIN restore_map_coders k ON k.old = r.coder_id
          JOIN restore_map_statements s ON s.old = r.statement_id
          LEFT JOIN restore_map_codes c ON c.old = r.code_id
         ORDER BY r.seq
        """,
        """
        INSERT INTO adjudications (study_id, statement_id, code_id, lead_id, applied, stance, event_seq, decided_at)
        SELECT $1, s.new, c.new, k.new, r.applied, r.stance, r.event_seq, r.decided_at
          FROM restore_adjudications r
          JOIN restore_map_statements s ON s.old = r.statement_id
          JOIN restore_map_codes c ON c.old = r.code_id
          JOIN restore_map_coders k ON k.old = r.lead_id
        """,
        """
        INSERT INTO withdrawals (study_id, pseudonym, number, digest, statement_ids, statements, codings, reviews,
                                 adjudications, withdrawn_by, lead, withdrawn_at, chain_seq)
        SELECT $1, r.pseudonym, r.number, r.digest,
               ARRAY(SELECT m.new FROM unnest(r.statement_ids) WITH ORDINALITY u (old, i)
                       JOIN restore_map_statements m ON m.old = u.old ORDER BY u.i),
               r.statements, r.codings, r.reviews, r.adjudications, r.withdrawn_by, r.lead, r.withdrawn_at, r.chain_seq
          FROM restore_withdrawals r ORDER BY r.number
        """,
    ]
    /// The first archived event, in archive order, whose hash is not the one its fields and the event before give,
    /// or whose seq or time does not follow the one before: (seq, what is wrong), or no row. The hash covers the
    /// original study id, which studies.csv holds.
    static let archivedChainBreak = """
        SELECT seq, problem FROM (
            SELECT r.seq,
                   CASE WHEN r.seq <> row_number() OVER w THEN 'is out of sequence (expected ' || row_number() OVER w || ')'
                        WHEN r.at < lag(r.at) OVER w THEN 'is dated before the event before it'
                        WHEN r.hash IS DISTINCT FROM coding_event_hash(ROW(
                                 s.study_id, r.seq, r.at, r.coder_id, r.statement_id, r.code_id, r.action, r.old_applied,
                                 r.old_stance, r.new_applied, r.new_stance, r.note,
                                 coalesce(lag(r.hash) OVER w, '\\x'::bytea), r.hash)::coding_events)
                        THEN 'has a hash that its fields and the event before do not give' END AS problem
              FROM restore_coding_events r CROSS JOIN (SELECT study_id FROM restore_studies LIMIT 1) s
            WINDOW w AS (ORDER BY r.seq)
        ) x
         WHERE problem IS NOT NULL
         ORDER BY seq LIMIT 1
        """
    /// Events whose replayed seq differs from the archive's (a gap in the archived chain): must be 0.
    static let seqMismatches = """
        SELECT (SELECT count(*) FROM restore_coding_events r
                 WHERE NOT EXISTS (SELECT 1 FROM coding_events e WHERE e.study_id = $1 AND e.seq = r.seq))
             + abs((SELECT count(*) FROM restore_coding_events)
                   - (SELECT count(*) FROM coding_events WHERE study_id = $1))
        """
    /// Refreshes the maintained final decisions and stances now rather than at commit (definitions/07), so that the
    /// restore's own `audit verify` compares them, and keeps doing so for the rest of the transaction.
    static let refreshMaintained = "SET CONSTRAINTS maintained_flush IMMEDIATE"
    static let analyze =
        "ANALYZE participants, statements, codes, coders, reviews, codings, coding_events, adjudications"
}
