/// SQL for consensus: the tallies of definitions/04_final_coding.sql and what the command checks around them.
enum ConsensusQueries {
    /// $1 study, $2 attribute to break down by (or NULL), $3 and $4 the `--where` attribute and value (or NULL).
    static let tallies = """
        SELECT code, label, theme, is_theme, grp, participants, addressed, stance_m2, stance_m1, stance_0,
               stance_p1, stance_p2, participants_unresolved, unresolved_statements
          FROM consensus_tallies($1, $2, $3, $4)
        """
    /// Memory for the tallies' sorts and hashes, for the current transaction only.
    static let workMemory = "SET LOCAL work_mem = '64MB'"
    static let coverage = "SELECT statements, reviewed, coverage FROM study_coverage WHERE study_id = $1"
    static let attributeKeys = """
        SELECT DISTINCT jsonb_object_keys(attributes) FROM participants WHERE study_id = $1 ORDER BY 1
        """
    static let codeKind = "SELECT parent_id IS NULL FROM codes WHERE study_id = $1 AND key = $2"
}

/// SQL for `export matrix` and `quotes`, read from the maintained participant stances and final decisions.
enum ParticipantStanceQueries {
    static let propositions = """
        SELECT code_id, key FROM codes WHERE study_id = $1 AND parent_id IS NOT NULL ORDER BY position, number
        """
    /// Participants in order, each with the propositions they addressed: rounded stance and mean (as a double, which
    /// PostgreSQL prints as the shortest text that reads back the same).
    static let matrix = """
        SELECT p.pseudonym, p.attributes::text, ps.code_id, ps.stance, ps.mean::float8
          FROM participants p
          LEFT JOIN maintained_participant_stances ps ON ps.study_id = p.study_id AND ps.participant_id = p.participant_id
                                          AND ps.stance IS NOT NULL
         WHERE p.study_id = $1
         ORDER BY p.number
        """
    /// $1 study, $2 code id, $3 position (support, oppose, neutral or NULL), $4 limit: each participant's
    /// strongest statement with a final coding of the code, strongest first.
    static let quotes = """
        SELECT reference, pseudonym, stance, coalesce(question, ''), text FROM (
            SELECT DISTINCT ON (s.participant_id) r.reference, r.pseudonym, f.stance, s.question, s.text, p.number
              FROM maintained_final_decisions f
              JOIN statements s ON s.study_id = f.study_id AND s.statement_id = f.statement_id
              JOIN participants p ON p.study_id = s.study_id AND p.participant_id = s.participant_id
              JOIN statement_refs r ON r.study_id = f.study_id AND r.statement_id = f.statement_id
             WHERE f.study_id = $1 AND f.code_id = $2 AND f.applied
               AND ($3::text IS NULL OR sign(f.stance) = CASE $3 WHEN 'support' THEN 1 WHEN 'oppose' THEN -1 ELSE 0 END)
             ORDER BY s.participant_id, abs(f.stance) DESC, s.seq
        ) q
        ORDER BY abs(stance) DESC, number
        LIMIT $4
        """
}
