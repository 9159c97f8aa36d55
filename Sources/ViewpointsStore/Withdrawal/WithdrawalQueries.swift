/// SQL for consent withdrawal (its table: 0005_withdrawals.sql; withdraw_participant: definitions/05_withdrawals.sql).
enum WithdrawalQueries {
    static let columns = """
        pseudonym, statements, codings, reviews, adjudications, withdrawn_by, coalesce(lead, ''),
        to_char(withdrawn_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
        """
    /// $2: the pseudonym, $3: the lead's name or NULL.
    static let withdraw = "SELECT \(columns) FROM withdraw_participant($1, $2, $3)"
    static let all = "SELECT \(columns) FROM withdrawals WHERE study_id = $1 ORDER BY number"
    static let byPseudonym = "SELECT \(columns) FROM withdrawals WHERE study_id = $1 AND pseudonym = $2"
    /// What a withdrawal of $2 would delete: statements, codings, reviews, adjudications.
    static let preview = """
        WITH s AS (
            SELECT s.statement_id FROM statements s JOIN participants p USING (study_id, participant_id)
             WHERE s.study_id = $1 AND p.pseudonym = $2
        )
        SELECT (SELECT count(*) FROM s),
               (SELECT count(*) FROM codings g WHERE g.study_id = $1 AND g.statement_id IN (SELECT * FROM s)),
               (SELECT count(*) FROM reviews r WHERE r.study_id = $1 AND r.statement_id IN (SELECT * FROM s)),
               (SELECT count(*) FROM adjudications a WHERE a.study_id = $1 AND a.statement_id IN (SELECT * FROM s))
        """
    /// Digest (hex), pseudonym and number of each withdrawn participant, for the importers.
    static let identities = """
        SELECT encode(digest, 'hex'), pseudonym, number,
               to_char(withdrawn_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')
          FROM withdrawals WHERE study_id = $1
        """
    static let problems = "SELECT seq, problem FROM audit_withdrawal_problems WHERE study_id = $1 ORDER BY seq, problem"
}
