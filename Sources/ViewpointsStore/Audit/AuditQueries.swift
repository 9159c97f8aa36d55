/// SQL for the audit trail: `history` and `audit verify`.
enum AuditQueries {
    /// $2: a statement reference or NULL; $3: a coder name or NULL.
    static let history = """
        SELECT e.seq, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), k.name,
               coalesce(r.reference, '#' || e.statement_id), coalesce(c.key, CASE WHEN e.code_id IS NULL THEN ''
               ELSE '#' || e.code_id END), e.action,
               CASE WHEN e.old_stance IS NOT NULL THEN e.old_stance::text WHEN e.old_applied = false THEN 'absent'
                    ELSE '' END,
               CASE WHEN e.new_stance IS NOT NULL THEN e.new_stance::text WHEN e.new_applied = false THEN 'absent'
                    ELSE '' END,
               coalesce(e.note, '')
          FROM coding_events e
          JOIN coders k ON k.study_id = e.study_id AND k.coder_id = e.coder_id
          LEFT JOIN statement_refs r ON r.study_id = e.study_id AND r.statement_id = e.statement_id
          LEFT JOIN codes c ON c.study_id = e.study_id AND c.code_id = e.code_id
         WHERE e.study_id = $1 AND ($2::text IS NULL OR r.reference = $2) AND ($3::text IS NULL OR k.name = $3)
         ORDER BY e.seq
        """
    /// Rows the events do not explain (definitions/06_changes_and_events.sql).
    static let unexplained = "SELECT problem FROM audit_unexplained_rows($1)"
    /// Maintained final decisions and stances that differ from the views (definitions/07_maintained_stances.sql).
    static let maintained = "SELECT problem FROM maintained_differences($1)"
    static let breaks = "SELECT seq, problem FROM coding_event_breaks WHERE study_id = $1 ORDER BY seq"
    /// The chain's recorded head against its last event: count, last seq, whether the head matches.
    static let head = """
        SELECT (SELECT count(*) FROM coding_events WHERE study_id = $1),
               coalesce((SELECT max(seq) FROM coding_events WHERE study_id = $1), 0),
               coalesce(h.seq, 0),
               coalesce(encode(h.hash, 'hex'), ''),
               coalesce(h.hash = (SELECT hash FROM coding_events e WHERE e.study_id = $1 ORDER BY seq DESC LIMIT 1),
                        h.seq IS NULL OR h.seq = 0)
          FROM (SELECT 1) one LEFT JOIN coding_event_heads h ON h.study_id = $1
        """
}

/// SQL for disagreements, adjudication by acceptance and progress.
enum ReviewQueries {
    /// The statements of study $1 that two or more coders reviewed or a lead adjudicated: the only ones where
    /// coders can differ or an adjudication can go stale. Found from the reviews of every coder but the first
    /// (the lowest coder id with a review), each probing the statement's first reviewer through the primary key,
    /// so that the first coder's reviews, usually the most, are never read: a statement with two reviews has one
    /// by a coder after the first, whose statement's first reviewer comes before it. On 1,000,000 statements
    /// reviewed by one coder (`Scripts/bench consensus`): 12 ms, where grouping all reviews took 400-600 ms.
    static let contested = """
        SELECT r.statement_id FROM reviews r
         WHERE r.study_id = $1
           AND r.coder_id > (SELECT min(coder_id) FROM reviews WHERE study_id = $1)
           AND (SELECT min(o.coder_id) FROM reviews o WHERE o.study_id = $1 AND o.statement_id = r.statement_id)
               < r.coder_id
        UNION
        SELECT statement_id FROM adjudications WHERE study_id = $1
        """
    /// $2: coder names to compare (NULL: all). The decisions are read for the contested statements only, given
    /// to coder_decisions as an array so that the condition reaches its index scans (a join would not).
    static let disagreements = """
        WITH d AS (
            SELECT cd.statement_id, cd.code_id,
                   string_agg(k.name || '=' || coalesce(cd.stance::text, 'absent'), ' ' ORDER BY k.name) AS decisions,
                   count(DISTINCT coalesce(cd.stance, 99)) > 1 AS differ
              FROM coder_decisions cd JOIN coders k ON k.study_id = cd.study_id AND k.coder_id = cd.coder_id
             WHERE cd.study_id = $1 AND ($2::text[] IS NULL OR k.name = ANY ($2::text[]))
               AND cd.statement_id = ANY (ARRAY(\(contested)))
             GROUP BY cd.statement_id, cd.code_id
        )
        SELECT r.reference, c.key, CASE WHEN a.stale THEN 'stale' ELSE 'open' END, d.decisions,
               CASE WHEN a.code_id IS NULL THEN '' WHEN a.applied THEN a.stance::text ELSE 'absent' END
          FROM d
          JOIN statements s ON s.study_id = $1 AND s.statement_id = d.statement_id
          JOIN statement_refs r ON r.study_id = $1 AND r.statement_id = d.statement_id
          JOIN participants p ON p.study_id = $1 AND p.participant_id = s.participant_id
          JOIN codes c ON c.study_id = $1 AND c.code_id = d.code_id
          LEFT JOIN adjudication_status a ON a.study_id = $1 AND a.statement_id = d.statement_id
                                          AND a.code_id = d.code_id
         WHERE (d.differ AND a.code_id IS NULL) OR a.stale
         ORDER BY p.number, s.seq, c.position, c.number
        """
    /// $2: the lead, $3: the coder whose decisions are accepted wherever they took part in an open disagreement.
    static let accept = """
        WITH picks AS (
            SELECT cd.statement_id, cd.code_id, cd.stance, a.applied AS old_applied, a.stance AS old_stance
              FROM coder_decisions cd
              JOIN disagreements d ON d.study_id = cd.study_id AND d.statement_id = cd.statement_id
                                  AND d.code_id = cd.code_id
              LEFT JOIN adjudications a ON a.study_id = cd.study_id AND a.statement_id = cd.statement_id
                                       AND a.code_id = cd.code_id
             WHERE cd.study_id = $1 AND cd.coder_id = $3
        )
        """ + AdjudicationQueries.decide(order: "statement_id, code_id")
    static let progressCoders = """
        SELECT k.name,
               (SELECT count(*) FROM reviews r WHERE r.study_id = k.study_id AND r.coder_id = k.coder_id),
               (SELECT count(*) FROM statements s WHERE s.study_id = k.study_id),
               (SELECT count(*) FROM codings g WHERE g.study_id = k.study_id AND g.coder_id = k.coder_id)
          FROM coders k WHERE k.study_id = $1 ORDER BY k.name
        """
    static let overlap = """
        SELECT a.name, b.name, count(*)
          FROM reviews x
          JOIN reviews y ON y.study_id = x.study_id AND y.statement_id = x.statement_id
          JOIN coders a ON a.study_id = x.study_id AND a.coder_id = x.coder_id
          JOIN coders b ON b.study_id = y.study_id AND b.coder_id = y.coder_id
         WHERE x.study_id = $1 AND a.name < b.name
         GROUP BY a.name, b.name ORDER BY a.name, b.name
        """
    static let disagreementCounts = """
        SELECT count(*) FILTER (WHERE status = 'open'), count(*) FILTER (WHERE status = 'stale')
          FROM disagreements WHERE study_id = $1
        """
}
