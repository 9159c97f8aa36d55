/// SQL for `viewpoints report`: what the other commands do not already read.
enum ReportQueries {
    /// $2: an attribute; its smallest and largest value among the study's participants (NULLs without it).
    static let period = """
        SELECT min(attributes ->> $2), max(attributes ->> $2)
          FROM participants WHERE study_id = $1 AND attributes ? $2
        """
    /// The audit chain's recorded head: the last event's number and hash (0 and '' before the first event).
    static let auditHead = """
        SELECT coalesce(h.seq, 0), coalesce(encode(h.hash, 'hex'), '')
          FROM (SELECT 1) one LEFT JOIN coding_event_heads h ON h.study_id = $1
        """
    /// $2 proposition keys, $3 the side of each (1 support, −1 oppose), $4 how many per proposition: each
    /// participant's best statement with a final coding on that side (strongest, then shortest, then first),
    /// and of those the best $4 per proposition in the same order. `QuoteSelection.choose` applies the same order.
    /// The study's final decisions are computed once (MATERIALIZED): joined per proposition, the view took
    /// 550 ms for the sample's 42 propositions in psql, materialized 65-105 ms.
    static let quoteCandidates = """
        WITH wanted AS (
            SELECT w.key, w.side FROM unnest($2::text[], $3::int[]) AS w(key, side)
        ), finals AS MATERIALIZED (
            SELECT statement_id, code_id, stance FROM maintained_final_decisions WHERE study_id = $1 AND applied
        ), candidates AS (
            SELECT c.key, r.reference, p.pseudonym, p.number, f.stance, s.text, p.attributes::text AS attributes,
                   row_number() OVER (PARTITION BY c.code_id, p.participant_id
                                      ORDER BY abs(f.stance) DESC, length(s.text), s.seq, r.reference) AS best
              FROM wanted w
              JOIN codes c ON c.study_id = $1 AND c.key = w.key AND c.parent_id IS NOT NULL
              JOIN finals f ON f.code_id = c.code_id AND sign(f.stance) = w.side
              JOIN statements s ON s.study_id = $1 AND s.statement_id = f.statement_id
              JOIN participants p ON p.study_id = $1 AND p.participant_id = s.participant_id
              JOIN statement_refs r ON r.study_id = $1 AND r.statement_id = f.statement_id
        ), ranked AS (
            SELECT *, row_number() OVER (PARTITION BY key ORDER BY abs(stance) DESC, length(text), number,
                                                                   reference) AS place
              FROM candidates WHERE best = 1
        )
        SELECT key, reference, pseudonym, number, stance, text, attributes FROM ranked
         WHERE place <= $4
         ORDER BY key, place
        """
}
