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
    /// and of those the best $4 per proposition in the same order (then by participant number).
    /// `QuoteSelection.choose` applies the same order. Read from maintained_quote_candidates (0015), which keeps
    /// every participant's best statement per proposition and side, through its index in that order: a few rows
    /// per finding, where choosing every participant's best among all final decisions took 3-10 s on 1,000,000
    /// statements (`Scripts/bench consensus`). Only the chosen statements' texts are read.
    static let quoteCandidates = """
        SELECT w.key, r.reference, p.pseudonym, q.number, q.strength * w.side, s.text, p.attributes::text
          FROM unnest($2::text[], $3::int[]) AS w(key, side)
          JOIN codes c ON c.study_id = $1 AND c.key = w.key AND c.parent_id IS NOT NULL
          CROSS JOIN LATERAL (
              SELECT k.participant_id, k.seq, k.strength, k.length, k.number
                FROM maintained_quote_candidates k
               WHERE k.study_id = $1 AND k.code_id = c.code_id AND k.side = w.side
               ORDER BY k.strength DESC, k.length, k.number
               LIMIT $4) q
          JOIN statements s ON s.study_id = $1 AND s.participant_id = q.participant_id AND s.seq = q.seq
          JOIN participants p ON p.study_id = $1 AND p.participant_id = q.participant_id
          JOIN statement_refs r ON r.study_id = $1 AND r.statement_id = s.statement_id
         ORDER BY w.key, q.strength DESC, q.length, q.number
        """
}
