import ViewpointsCore

/// `--robustness`: how many bootstrap panels, and the seed that replaces the study's.
public struct RobustnessRequest: Sendable, Equatable {
    /// B, the bootstrap resamples of each row's panel (default 2,000).
    public var resamples: Int
    /// `--seed S`; nil: derived from the study's slug (METHODS.md).
    public var seed: UInt64?

    public init(resamples: Int = 2_000, seed: UInt64? = nil) {
        self.resamples = resamples
        self.seed = seed
    }
}

/// SQL for coder sensitivity.
enum RobustnessQueries {
    /// $1 study, $2 attribute to break down by (or NULL), $3 and $4 the `--where` attribute and value (or NULL).
    /// For each participant of the population, proposition and reviewing coder whose decisions would change the
    /// participant's final stance: the sum and count of the participant's final stances on it, and how much the
    /// sum and count change when that coder's decision replaces the final decision on every statement the coder
    /// reviewed for it. Only statements with two or more reviewers or an adjudication can differ (on the others
    /// the only reviewer's decision is final). The coders' decisions are those of `coder_decisions` (0002), the
    /// final decisions those of `final_decisions` (0003); the rounding is done by the caller
    /// (`ParticipantStance.rounded`).
    static let coderChanges = """
        WITH population AS (
            SELECT p.participant_id,
                   CASE WHEN $2::text IS NULL THEN '' ELSE coalesce(p.attributes ->> $2::text, '(missing)') END AS grp
              FROM participants p
             WHERE p.study_id = $1 AND ($3::text IS NULL OR p.attributes ->> $3::text = $4::text)
        ), contested AS (
            SELECT statement_id FROM reviews WHERE study_id = $1 GROUP BY statement_id HAVING count(*) > 1
            UNION
            SELECT statement_id FROM adjudications WHERE study_id = $1
        ), pairs AS (
            SELECT DISTINCT g.statement_id, g.code_id
              FROM codings g JOIN contested x ON x.statement_id = g.statement_id
             WHERE g.study_id = $1
            UNION
            SELECT statement_id, code_id FROM adjudications WHERE study_id = $1
        ), decisions AS (
            SELECT p.statement_id, p.code_id, r.coder_id, g.stance
              FROM pairs p
              JOIN codes c ON c.study_id = $1 AND c.code_id = p.code_id AND c.parent_id IS NOT NULL
              JOIN reviews r ON r.study_id = $1 AND r.statement_id = p.statement_id
              LEFT JOIN codings g ON g.study_id = $1 AND g.statement_id = p.statement_id AND g.code_id = p.code_id
                                 AND g.coder_id = r.coder_id
             WHERE r.codes_through >= c.number OR g.coder_id IS NOT NULL
        ), differences AS (
            SELECT s.participant_id, d.code_id, d.coder_id,
                   sum(coalesce(d.stance, 0) - coalesce(f.stance, 0)) AS sum_change,
                   sum((d.stance IS NOT NULL)::int - (f.stance IS NOT NULL)::int) AS count_change
              FROM decisions d
              JOIN statements s ON s.study_id = $1 AND s.statement_id = d.statement_id
              LEFT JOIN final_decisions f
                     ON f.study_id = $1 AND f.statement_id = d.statement_id AND f.code_id = d.code_id
             WHERE d.stance IS DISTINCT FROM f.stance
             GROUP BY s.participant_id, d.code_id, d.coder_id
        ), totals AS (
            SELECT s.participant_id, f.code_id, coalesce(sum(f.stance), 0) AS total, count(f.stance) AS applied
              FROM final_decisions f
              JOIN statements s ON s.study_id = $1 AND s.statement_id = f.statement_id
             WHERE f.study_id = $1
               AND (s.participant_id, f.code_id) IN (SELECT participant_id, code_id FROM differences)
             GROUP BY s.participant_id, f.code_id
        )
        SELECT c.key, pop.grp, k.name, coalesce(t.total, 0), coalesce(t.applied, 0), d.sum_change, d.count_change
          FROM differences d
          JOIN population pop ON pop.participant_id = d.participant_id
          JOIN codes c ON c.study_id = $1 AND c.code_id = d.code_id
          JOIN coders k ON k.study_id = $1 AND k.coder_id = d.coder_id
          LEFT JOIN totals t ON t.participant_id = d.participant_id AND t.code_id = d.code_id
         WHERE d.sum_change <> 0 OR d.count_change <> 0
         ORDER BY c.key, pop.grp, k.name
        """
    /// Each coder with a review, and the highest code number their reviews cover.
    static let reviewingCoders = """
        SELECT k.name, max(r.codes_through)
          FROM reviews r JOIN coders k ON k.study_id = r.study_id AND k.coder_id = r.coder_id
         WHERE r.study_id = $1
         GROUP BY k.name
         ORDER BY k.name
        """
    static let propositionNumbers = "SELECT key, number FROM codes WHERE study_id = $1 AND parent_id IS NOT NULL"
}

extension Store {
    /// Adds fragility, panel resampling and (for a lead) coder sensitivity to every row that shows figures
    /// (propositions, not suppressed); themes and suppressed rows get nothing.
    func addRobustness(
        _ rows: inout [ConsensusRow], study: Study, request: ConsensusRequest, withCoders: Bool
    ) throws(StoreError) {
        guard let robustness = request.robustness else { return }
        let versions = withCoders ? try coderChanges(study: study, request: request) : nil
        for index in rows.indices where rows[index].phrase != nil {
            let row = rows[index]
            var coders: [CoderVersion]?
            if let versions {
                let byCoder = versions.changes[CoderKey(code: row.code, group: row.group ?? "")] ?? [:]
                let names = Set(versions.coders[row.code] ?? []).union(byCoder.keys).sorted()
                coders = names.map { name in
                    CoderVersion(
                        coder: name, reported: row.tally, changes: byCoder[name] ?? [], thresholds: row.thresholds)
                }
            }
            let seed = PanelBootstrap.seed(
                study: study.slug, code: row.code, group: row.group, base: robustness.seed)
            rows[index].robustness = ConsensusRobustness(
                row.tally, row.thresholds, resamples: robustness.resamples, seed: seed, coders: coders)
        }
    }

    struct CoderKey: Hashable {
        var code: String
        var group: String
    }

    /// Which coders reviewed each proposition, and each participant whose stance a coder's decisions would change.
    func coderChanges(study: Study, request: ConsensusRequest) throws(StoreError)
        -> (coders: [String: [String]], changes: [CoderKey: [String: [CoderVersion.Change]]])
    {
        let reviewers = try connection.query(
            RobustnessQueries.reviewingCoders, [study.id], doing: "listing the reviewing coders"
        ).rows.map { (name: $0[0]!, through: Int($0[1] ?? "0") ?? 0) }
        var coders: [String: [String]] = [:]
        for row in try connection.query(
            RobustnessQueries.propositionNumbers, [study.id], doing: "reading the codebook"
        ).rows {
            let number = Int(row[1]!)!
            coders[row[0]!] = reviewers.filter { $0.through >= number }.map(\.name)
        }
        let result = try connection.transaction(doing: "reading coders' decisions") { () throws(StoreError) in
            try connection.execute(ConsensusQueries.workMemory, doing: "setting the query's memory")
            return try connection.query(
                RobustnessQueries.coderChanges,
                [study.id, request.by, request.filter?.attribute, request.filter?.value],
                doing: "reading coders' decisions")
        }
        var changes: [CoderKey: [String: [CoderVersion.Change]]] = [:]
        for row in result.rows {
            let numbers = row[3...6].map { Int($0!)! }
            let (total, applied, sumChange, countChange) = (numbers[0], numbers[1], numbers[2], numbers[3])
            let final = applied > 0 ? ParticipantStance.rounded(sum: total, count: applied) : nil
            let version =
                applied + countChange > 0
                ? ParticipantStance.rounded(sum: total + sumChange, count: applied + countChange) : nil
            guard final != version else { continue }
            let key = CoderKey(code: row[0]!, group: request.by == nil ? "" : row[1]!)
            changes[key, default: [:]][row[2]!, default: []].append(.init(final: final, version: version))
        }
        return (coders, changes)
    }
}
