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

/// SQL for coder sensitivity: the raw decisions (reviews, codings, adjudications) on the statements of every
/// participant whose final coding may differ from a coder's decision; `CoderSensitivity` applies the final-coding
/// rule to them.
enum RobustnessQueries {
    /// $1 study, $2 attribute to break down by (or NULL), $3 and $4 the `--where` attribute and value (or NULL).
    /// Every statement of each participant of the population with a statement that two or more coders reviewed or
    /// a lead adjudicated (on the others the only reviewer's decision is final, so no coder's version differs),
    /// with the participant and their group.
    static let affectedStatements = """
        WITH contested AS (\(ReviewQueries.contested)), affected AS (
            SELECT DISTINCT t.participant_id
              FROM statements t JOIN contested x ON x.statement_id = t.statement_id
             WHERE t.study_id = $1
        )
        SELECT s.statement_id, s.participant_id,
               CASE WHEN $2::text IS NULL THEN '' ELSE coalesce(p.attributes ->> $2::text, '(missing)') END
          FROM statements s
          JOIN affected a ON a.participant_id = s.participant_id
          JOIN participants p ON p.study_id = s.study_id AND p.participant_id = s.participant_id
         WHERE s.study_id = $1 AND ($3::text IS NULL OR p.attributes ->> $3::text = $4::text)
        """
    /// $1 study, $2 statement ids (`{1,2,…}`): who reviewed them, and the highest code number each review covers.
    static let reviews = """
        SELECT r.statement_id, k.name, r.codes_through
          FROM reviews r JOIN coders k ON k.study_id = r.study_id AND k.coder_id = r.coder_id
         WHERE r.study_id = $1 AND r.statement_id = ANY($2::bigint[])
        """
    /// $1 study, $2 statement ids: the coders' codings of propositions on them.
    static let codings = """
        SELECT g.statement_id, k.name, c.key, g.stance
          FROM codings g
          JOIN coders k ON k.study_id = g.study_id AND k.coder_id = g.coder_id
          JOIN codes c ON c.study_id = g.study_id AND c.code_id = g.code_id AND c.parent_id IS NOT NULL
         WHERE g.study_id = $1 AND g.statement_id = ANY($2::bigint[])
        """
    /// $1 study, $2 statement ids: the leads' adjudications of propositions on them (stance NULL: absent).
    static let adjudications = """
        SELECT j.statement_id, c.key, j.stance
          FROM adjudications j
          JOIN codes c ON c.study_id = j.study_id AND c.code_id = j.code_id AND c.parent_id IS NOT NULL
         WHERE j.study_id = $1 AND j.statement_id = ANY($2::bigint[])
        """
    /// Each coder with a review, and the highest code number their reviews cover. That is the study's highest
    /// code number as soon as one review reaches it, which the coder's first reviews usually do: looking for one
    /// such review stops at the first, where the maximum reads them all (300-500 ms on 1,000,000 reviews).
    static let reviewingCoders = """
        SELECT k.name,
               CASE WHEN EXISTS (SELECT 1 FROM reviews r
                                  WHERE r.study_id = k.study_id AND r.coder_id = k.coder_id
                                    AND r.codes_through = s.next_code_number - 1)
                    THEN s.next_code_number - 1
                    ELSE (SELECT max(r.codes_through) FROM reviews r
                           WHERE r.study_id = k.study_id AND r.coder_id = k.coder_id) END
          FROM coders k JOIN studies s ON s.study_id = k.study_id
         WHERE k.study_id = $1
           AND EXISTS (SELECT 1 FROM reviews r WHERE r.study_id = k.study_id AND r.coder_id = k.coder_id)
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
        let (coders, numbers) = try propositionReviewers(study: study)
        let statements = try connection.query(
            RobustnessQueries.affectedStatements,
            [study.id, request.by, request.filter?.attribute, request.filter?.value],
            doing: "finding double-coded and adjudicated statements"
        ).decode((String, String, String).self).map { (statement: $0.0, participant: $0.1, group: $0.2) }
        var changes: [CoderKey: [String: [CoderVersion.Change]]] = [:]
        guard !statements.isEmpty else { return (coders, changes) }
        let raw = try RawDecisions(study: study, statements: statements.map(\.statement), connection: connection)
        // per participant and proposition, the decisions on each of their statements
        var decisions: [String: [String: [CoderSensitivity.Decisions]]] = [:]
        var groupOf: [String: String] = [:]
        for statement in statements {
            groupOf[statement.participant] = statement.group
            for (code, decision) in raw.decisions(on: statement.statement, numbers: numbers) {
                decisions[statement.participant, default: [:]][code, default: []].append(decision)
            }
        }
        for (participant, byCode) in decisions {
            for (code, list) in byCode {
                let key = CoderKey(code: code, group: request.by == nil ? "" : groupOf[participant] ?? "")
                for (coder, change) in CoderSensitivity.changes(list) {
                    changes[key, default: [:]][coder, default: []].append(change)
                }
            }
        }
        return (coders, changes)
    }

    /// The coders who reviewed each proposition (those whose reviews reach its number), and each proposition's
    /// number in the codebook.
    func propositionReviewers(study: Study) throws(StoreError) -> (coders: [String: [String]], numbers: [String: Int]) {
        let reviewers = try connection.query(
            RobustnessQueries.reviewingCoders, [study.id], doing: "listing the reviewing coders"
        ).decode((String, Int).self).map { (name: $0.0, through: $0.1) }
        var coders: [String: [String]] = [:]
        var numbers: [String: Int] = [:]
        for (key, number) in try connection.query(
            RobustnessQueries.propositionNumbers, [study.id], doing: "reading the codebook"
        ).decode((String, Int).self) {
            numbers[key] = number
            coders[key] = reviewers.filter { $0.through >= number }.map(\.name)
        }
        return (coders, numbers)
    }

    /// The reviews, codings and adjudications of some statements, as read.
    struct RawDecisions {
        var reviews: [String: [(coder: String, through: Int)]] = [:]
        /// statement → code → coder → stance
        var applied: [String: [String: [String: Stance]]] = [:]
        /// statement → code → adjudication
        var adjudicated: [String: [String: FinalCoding.Adjudication]] = [:]

        init(study: Study, statements: [String], connection: Connection) throws(StoreError) {
            let ids = "{" + statements.joined(separator: ",") + "}"
            for (statement, coder, through) in try connection.query(
                RobustnessQueries.reviews, [study.id, ids], doing: "reading reviews"
            ).decode((String, String, Int).self) {
                reviews[statement, default: []].append((coder, through))
            }
            for (statement, coder, code, stance) in try connection.query(
                RobustnessQueries.codings, [study.id, ids], doing: "reading codings"
            ).decode((String, String, String, Int).self) {
                applied[statement, default: [:]][code, default: [:]][coder] = Stance(stance)
            }
            for (statement, code, stance) in try connection.query(
                RobustnessQueries.adjudications, [study.id, ids], doing: "reading adjudications"
            ).decode((String, String, Int?).self) {
                adjudicated[statement, default: [:]][code] = .init(stance: stance.flatMap(Stance.init))
            }
        }

        /// Per proposition coded or adjudicated on `statement`, each reviewer's decision and the adjudication.
        func decisions(on statement: String, numbers: [String: Int]) -> [(String, CoderSensitivity.Decisions)] {
            let codes = Set((applied[statement] ?? [:]).keys).union((adjudicated[statement] ?? [:]).keys)
            return codes.map { code in
                let number = numbers[code] ?? Int.max
                let stances = applied[statement]?[code] ?? [:]
                // a review covers the propositions that existed when it was made; applying one covers it too
                let reviewers = (reviews[statement] ?? []).filter {
                    $0.through >= number || stances[$0.coder] != nil
                }.map { (coder: $0.coder, stance: stances[$0.coder]) }
                return (code, .init(reviewers: reviewers, adjudication: adjudicated[statement]?[code]))
            }
        }
    }
}
