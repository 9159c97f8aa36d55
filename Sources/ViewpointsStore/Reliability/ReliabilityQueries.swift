/// SQL for inter-coder reliability.
enum ReliabilityQueries {
    /// Coders with at least one review, by name: the default coders to compare.
    static let reviewingCoders = """
        SELECT k.name FROM coders k
         WHERE k.study_id = $1
           AND EXISTS (SELECT 1 FROM reviews r WHERE r.study_id = k.study_id AND r.coder_id = k.coder_id)
         ORDER BY k.name
        """

    /// One row per statement reviewed by at least two of the coders $2 (bigint[]), proposition (all, or those
    /// of $3: a proposition key or a theme key) and such coder whose review covers the proposition (as in the
    /// coder_decisions view: the proposition existed at review time, or the coder applied it):
    /// statement reference, pseudonym, theme key, proposition key, coder name, stance (NULL: not applied).
    static let decisions = """
        WITH chosen AS (
            SELECT coder_id, name FROM coders WHERE study_id = $1 AND coder_id = ANY ($2::bigint[])
        ), reviewed AS (
            SELECT r.statement_id, r.coder_id, r.codes_through
              FROM reviews r JOIN chosen k ON k.coder_id = r.coder_id
             WHERE r.study_id = $1
        ), double_coded AS (
            SELECT statement_id FROM reviewed GROUP BY statement_id HAVING count(*) >= 2
        )
        SELECT s.reference, s.pseudonym, t.key, c.key, k.name, g.stance
          FROM double_coded d
          JOIN statement_refs s ON s.study_id = $1 AND s.statement_id = d.statement_id
          JOIN reviewed r ON r.statement_id = d.statement_id
          JOIN chosen k ON k.coder_id = r.coder_id
          JOIN codes c ON c.study_id = $1 AND c.parent_id IS NOT NULL
          JOIN codes t ON t.study_id = $1 AND t.code_id = c.parent_id
          LEFT JOIN codings g ON g.study_id = $1 AND g.statement_id = d.statement_id AND g.code_id = c.code_id
                             AND g.coder_id = r.coder_id
         WHERE (r.codes_through >= c.number OR g.coder_id IS NOT NULL)
           AND ($3::text IS NULL OR c.key = $3 OR t.key = $3)
         ORDER BY t.position, t.number, c.position, c.number, s.pseudonym, s.seq, k.name
        """

    /// The key of a code (theme or proposition) in the study.
    static let codeKey = "SELECT key FROM codes WHERE study_id = $1 AND key = $2"
    /// Every code key of the study, for suggestions.
    static let codeKeys = "SELECT key FROM codes WHERE study_id = $1 ORDER BY position, number"
}
