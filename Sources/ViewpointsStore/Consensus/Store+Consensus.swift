import Foundation
import ViewpointsCore

/// What `viewpoints consensus` asks for.
public struct ConsensusRequest: Sendable, Equatable {
    /// One proposition, or one theme and its propositions; neither: the whole codebook.
    public var code: String?
    public var theme: String?
    /// `--by ATTRIBUTE`.
    public var by: String?
    /// `--where ATTRIBUTE=VALUE`.
    public var filter: (attribute: String, value: String)?
    /// `--min-cell K`: groups (and a `--where` population) smaller than this are suppressed; 0 switches it off.
    public var minCell: Int
    public var thresholds: ConsensusThresholds
    /// `--robustness`: fragility, panel resampling and coder sensitivity per row; nil: none.
    public var robustness: RobustnessRequest?

    public init(
        code: String? = nil, theme: String? = nil, by: String? = nil,
        filter: (attribute: String, value: String)? = nil, minCell: Int = 5,
        thresholds: ConsensusThresholds = .init(), robustness: RobustnessRequest? = nil
    ) {
        self.code = code
        self.theme = theme
        self.by = by
        self.filter = filter
        self.minCell = minCell
        self.thresholds = thresholds
        self.robustness = robustness
    }

    public static func == (a: ConsensusRequest, b: ConsensusRequest) -> Bool {
        a.code == b.code && a.theme == b.theme && a.by == b.by && a.filter?.attribute == b.filter?.attribute
            && a.filter?.value == b.filter?.value && a.minCell == b.minCell && a.thresholds == b.thresholds
            && a.robustness == b.robustness
    }
}

/// The consensus rows and what the reader must be told about them.
public struct ConsensusReport: Sendable, Equatable {
    public var rows: [ConsensusRow]
    /// Statements in the study, and those reviewed by anyone.
    public var statements: Int
    public var reviewed: Int
    /// Statement–proposition pairs whose reviewers differ and that nobody adjudicated, among the statements of
    /// the population (the study, or the `--where` participants), on every proposition.
    public var unresolvedPairs: Int
    /// Whether `--by` was given (the CSV then has attribute, group and suppressed).
    public var byAttribute: Bool
    /// Whether `--robustness` was given (the CSV then has its columns).
    public var robustness: Bool = false
    /// Whether the counts came through the analysts' disclosure control (07_disclosure.sql): perturbed, and withheld
    /// groups unnamed.
    public var disclosureControlled: Bool = false

    /// Whether every statement was reviewed and nothing is unresolved.
    public var isComplete: Bool { reviewed == statements && unresolvedPairs == 0 }

    /// What the reader must be told beside the figures: incomplete coding, withheld counts, suppression off.
    public func warnings(_ request: ConsensusRequest) -> [ConsensusWarning] {
        var result: [ConsensusWarning] = []
        if reviewed < statements { result.append(.incomplete(reviewed: reviewed, statements: statements)) }
        if unresolvedPairs > 0 { result.append(.unresolved(pairs: unresolvedPairs)) }
        if request.minCell == 0 {
            result.append(.suppressionOff)
        } else if let filter = request.filter, rows.contains(where: { $0.suppression == .small && !byAttribute }) {
            result.append(.populationSuppressed(filter.attribute, filter.value, minCell: request.minCell))
        } else if rows.contains(where: { $0.suppression.isSuppressed }) {
            result.append(
                disclosureControlled
                    ? .groupsWithheld(minCell: request.minCell) : .groupsSuppressed(minCell: request.minCell))
        }
        if disclosureControlled { result.append(.perturbed) }
        return result
    }
}

/// Something the reader of consensus figures must be told; the executable words it.
public enum ConsensusWarning: Sendable, Equatable {
    /// Not every statement is reviewed yet.
    case incomplete(reviewed: Int, statements: Int)
    /// Unresolved statement–proposition pairs are left out.
    case unresolved(pairs: Int)
    /// `--min-cell 0`.
    case suppressionOff
    /// The `--where` population is smaller than the minimum cell: its counts are withheld.
    case populationSuppressed(String, String, minCell: Int)
    /// Some `--by` groups are withheld (and one more where subtraction would reveal one).
    case groupsSuppressed(minCell: Int)
    /// An analyst's breakdown: small groups and as many more as make the withheld ones hold K, unnamed.
    case groupsWithheld(minCell: Int)
    /// An analyst's counts are perturbed by the cell key method.
    case perturbed
}

extension Store {
    /// Consensus per theme and proposition over final codings, participants as units.
    public func consensus(study: Study, request: ConsensusRequest) throws(StoreError) -> ConsensusReport {
        if let code = request.code { try requireCode(code, theme: false, study: study) }
        if let theme = request.theme { try requireCode(theme, theme: true, study: study) }
        for attribute in [request.by, request.filter?.attribute].compactMap({ $0 }) {
            try requireAttribute(attribute, study: study)
        }
        let coverage = try ConsensusCoverage(
            connection.query(ConsensusQueries.coverage, [study.id], doing: "measuring coverage"))
        let result = try connection.transaction(doing: "computing consensus tallies") { () throws(StoreError) in
            // The tallies group every final decision by participant and proposition: 3,000,000 codings sort in
            // memory with 64 MB and spill to disk with the server's default 4 MB (Scripts/bench consensus gives
            // the reference query the same setting). SET LOCAL ends with the transaction.
            try connection.execute(ConsensusQueries.workMemory, doing: "setting the query's memory")
            return try connection.query(
                ConsensusQueries.tallies, [study.id, request.by, request.filter?.attribute, request.filter?.value],
                doing: "computing consensus tallies")
        }
        var rows: [ConsensusRow] = []
        var unresolved = 0
        for tally in result.rows {
            unresolved += try tally.decode(13, as: Int.self)
            let row = try ConsensusRow(tally: tally, counts: 5, request: request, coverage: coverage.coverage)
            if let wanted = request.code, row.code != wanted { continue }
            if let wanted = request.theme, row.theme != wanted { continue }
            rows.append(row)
        }
        if request.by != nil {
            rows = ConsensusRow.suppressing(rows, minCell: request.minCell)
        } else if request.filter != nil, let first = rows.first, first.tally.participants < request.minCell {
            for index in rows.indices { rows[index].suppression = .small }
        }
        try addRobustness(&rows, study: study, request: request, withCoders: true)
        return ConsensusReport(
            rows: rows, statements: coverage.statements, reviewed: coverage.reviewed, unresolvedPairs: unresolved,
            byAttribute: request.by != nil, robustness: request.robustness != nil)
    }

    func requireCode(_ key: String, theme: Bool, study: Study) throws(StoreError) {
        let kind = try connection.query(ConsensusQueries.codeKind, [study.id, key], doing: "looking up code \(key)")
            .rows.first?.decode(0, as: Bool.self)
        guard let kind else {
            throw StoreError(
                .notFound, "no code \(key) in study \(study.slug)",
                reason: .noSuchCodeOption(key: key, theme: theme, study: study.slug))
        }
        if kind != theme {
            throw StoreError(
                .usage, "'\(key)' is a \(theme ? "proposition" : "theme")",
                reason: .codeKindMismatch(key: key, theme: theme))
        }
    }

    func requireAttribute(_ attribute: String, study: Study) throws(StoreError) {
        let known = try connection.query(ConsensusQueries.attributeKeys, [study.id], doing: "listing attributes")
            .column(0, as: String.self)
        guard known.contains(attribute) else {
            throw StoreError(
                .usage, "no participant of study \(study.slug) has the attribute '\(attribute)'",
                hint: known.isEmpty
                    ? "import participants with attribute columns first"
                    : "known attributes: \(known.joined(separator: ", "))")
        }
    }
}
