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
    /// Each participant's best is the least of [−strength, length, seq, statement] in a hash aggregate over the
    /// maintained final decisions (a sort of every candidate row with its text took 20-50 s on 1,000,000
    /// statements under load, the aggregate 3-10 s); only the chosen statements' texts are read. The references
    /// break no tie: seq is unique within a participant, and the participant's number across them.
    static let quoteCandidates = """
        WITH wanted AS MATERIALIZED (
            SELECT c.code_id, c.key, w.side
              FROM unnest($2::text[], $3::int[]) AS w(key, side)
              JOIN codes c ON c.study_id = $1 AND c.key = w.key AND c.parent_id IS NOT NULL
        ), best AS (
            SELECT w.key, w.side, f.participant_id,
                   min(ARRAY[-abs(f.stance), length(s.text), s.seq, f.statement_id]) AS pick
              FROM wanted w
              JOIN maintained_final_decisions f ON f.study_id = $1 AND f.code_id = w.code_id AND f.applied
                                                AND f.stance * w.side > 0
              JOIN statements s ON s.study_id = $1 AND s.statement_id = f.statement_id
             GROUP BY w.key, w.side, f.participant_id
        ), ranked AS (
            SELECT b.key, b.pick[4] AS statement_id, b.participant_id, p.number, -b.pick[1] * b.side AS stance,
                   row_number() OVER (PARTITION BY b.key ORDER BY b.pick[1], b.pick[2], p.number) AS place
              FROM best b JOIN participants p ON p.study_id = $1 AND p.participant_id = b.participant_id
        )
        SELECT x.key, r.reference, p.pseudonym, x.number, x.stance, s.text, p.attributes::text
          FROM ranked x
          JOIN statements s ON s.study_id = $1 AND s.statement_id = x.statement_id
          JOIN participants p ON p.study_id = $1 AND p.participant_id = x.participant_id
          JOIN statement_refs r ON r.study_id = $1 AND r.statement_id = x.statement_id
         WHERE x.place <= $4
         ORDER BY x.key, x.place
        """
}
