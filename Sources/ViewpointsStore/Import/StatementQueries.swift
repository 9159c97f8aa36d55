/// SQL for statements.
enum StatementQueries {
    static let count = "SELECT count(*) FROM statements WHERE study_id = $1"
    static let copyDirect = """
        COPY statements (study_id, participant_id, seq, external_id, question, source, text, text_sha256)
        FROM STDIN (FORMAT binary)
        """
    // Bulk loading as PostgreSQL's manual advises ("Populating a Database: remove foreign key constraints"):
    // one validating join at the end instead of a check per row. Inside the import's transaction, so atomic.
    static let dropParticipantKey = "ALTER TABLE statements DROP CONSTRAINT statements_participant_fkey"
    static let addParticipantKey = """
        ALTER TABLE statements ADD CONSTRAINT statements_participant_fkey FOREIGN KEY (study_id, participant_id)
            REFERENCES participants (study_id, participant_id) ON DELETE CASCADE
        """
    // The maintained statement count's trigger (definitions/07_maintained_stances.sql) keeps every new row in a
    // transition table, a tenth of the server's time on a bulk load (Scripts/bench import under perf): a bulk load
    // switches it off for its COPY, inside the same transaction and under the lock that dropping the key took, and
    // adds the rows the server took as the trigger would.
    static let pauseCountTrigger = "ALTER TABLE statements DISABLE TRIGGER statements_maintained_insert"
    static let resumeCountTrigger = "ALTER TABLE statements ENABLE TRIGGER statements_maintained_insert"
    static let countBulkLoaded = """
        INSERT INTO maintained_coverage AS m (study_id, statements, reviewed) VALUES ($1, $2, 0)
        ON CONFLICT (study_id) DO UPDATE SET statements = m.statements + excluded.statements
        """
    static let createStage = """
        CREATE TEMP TABLE import_statements (
            line integer NOT NULL, participant_id bigint NOT NULL, seq integer NOT NULL, external_id text,
            reference text NOT NULL, question text, source text, text text NOT NULL, text_sha256 bytea NOT NULL
        ) ON COMMIT DROP
        """
    static let copyStage = """
        COPY import_statements (line, participant_id, seq, external_id, reference, question, source, text, text_sha256)
        FROM STDIN (FORMAT binary)
        """
    /// Transcripts give no seq: a statement already stored under the row's id keeps its seq, and new ones number on
    /// from the participant's highest stored seq, so a participant's transcripts and CSV statements never collide.
    static let numberAfterStored = """
        UPDATE import_statements i SET seq = n.seq
          FROM (SELECT i.line,
                       coalesce(s.seq, (SELECT coalesce(max(x.seq), 0) FROM statements x
                                         WHERE x.study_id = $1 AND x.participant_id = i.participant_id)
                           + row_number() OVER (PARTITION BY i.participant_id, s.seq IS NULL ORDER BY i.line)) AS seq
                  FROM import_statements i
                  LEFT JOIN statement_refs r ON r.study_id = $1 AND r.reference = i.reference
                  LEFT JOIN statements s ON s.study_id = r.study_id AND s.statement_id = r.statement_id
                                        AND s.participant_id = i.participant_id) n
         WHERE n.line = i.line
        """
    static let matchStage = """
        CREATE TEMP TABLE import_matches ON COMMIT DROP AS
        SELECT i.line, i.reference, r.statement_id,
               (s.participant_id = i.participant_id AND s.seq = i.seq AND s.text_sha256 = i.text_sha256
                AND s.question IS NOT DISTINCT FROM i.question AND s.source IS NOT DISTINCT FROM i.source
                AND s.external_id IS NOT DISTINCT FROM i.external_id) AS same,
               concat_ws(', ',
                   CASE WHEN s.text_sha256 <> i.text_sha256 THEN 'text' END,
                   CASE WHEN s.question IS DISTINCT FROM i.question THEN 'question' END,
                   CASE WHEN s.source IS DISTINCT FROM i.source THEN 'source' END,
                   CASE WHEN s.participant_id <> i.participant_id OR s.seq <> i.seq THEN 'participant or seq' END)
                   AS differences
          FROM import_statements i
          LEFT JOIN statement_refs r ON r.study_id = $1 AND r.reference = i.reference
          LEFT JOIN statements s ON s.study_id = r.study_id AND s.statement_id = r.statement_id
        """
    static let classify = """
        SELECT count(*) FILTER (WHERE statement_id IS NULL),
               count(*) FILTER (WHERE statement_id IS NOT NULL AND same),
               count(*) FILTER (WHERE statement_id IS NOT NULL AND NOT same),
               (SELECT count(*) FROM statement_refs r WHERE r.study_id = $1
                   AND NOT EXISTS (SELECT 1 FROM import_statements i WHERE i.reference = r.reference))
          FROM import_matches
        """
    static let changedLines = """
        SELECT line, reference, differences FROM import_matches
         WHERE statement_id IS NOT NULL AND NOT same ORDER BY line LIMIT 21
        """
    static let collisions = """
        SELECT i.line, i.reference, r.reference
          FROM import_statements i
          JOIN import_matches m ON m.line = i.line AND m.statement_id IS NULL
          JOIN statements s ON s.study_id = $1 AND s.participant_id = i.participant_id AND s.seq = i.seq
          JOIN statement_refs r ON r.study_id = s.study_id AND r.statement_id = s.statement_id
         ORDER BY i.line LIMIT 21
        """
    static let insertNew = """
        INSERT INTO statements (study_id, participant_id, seq, external_id, question, source, text, text_sha256)
        SELECT $1, i.participant_id, i.seq, i.external_id, i.question, i.source, i.text, i.text_sha256
          FROM import_statements i JOIN import_matches m ON m.line = i.line
         WHERE m.statement_id IS NULL
         ORDER BY i.line
        """
    static let updateChanged = """
        UPDATE statements s
           SET participant_id = i.participant_id, seq = i.seq, external_id = i.external_id, question = i.question,
               source = i.source, text = i.text, text_sha256 = i.text_sha256
          FROM import_statements i JOIN import_matches m ON m.line = i.line
         WHERE s.study_id = $1 AND s.statement_id = m.statement_id AND NOT m.same
        """
    static let export = """
        SELECT r.reference, r.pseudonym, s.seq, coalesce(s.question, ''), coalesce(s.source, ''), s.text
          FROM statements s
          JOIN statement_refs r ON r.study_id = s.study_id AND r.statement_id = s.statement_id
          JOIN participants p ON p.study_id = s.study_id AND p.participant_id = s.participant_id
         WHERE s.study_id = $1
         ORDER BY p.number, s.seq
        """
}
