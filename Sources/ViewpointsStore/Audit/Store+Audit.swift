import ViewpointsCore

/// One event of the audit trail, as `history` shows it.
public struct CodingEvent: Sendable, Equatable {
    public var seq: Int
    public var at: String
    public var coder: String
    public var statement: String
    public var code: String
    public var action: String
    /// The decision before and after: a stance, `absent`, or empty when not a coding.
    public var old: String
    public var new: String
    public var note: String
}

/// What `audit verify` found.
public struct AuditReport: Sendable, Equatable {
    public var events: Int
    /// Events whose hash or link does not match, with what is wrong.
    public var breaks: [(seq: Int, problem: String)]
    /// Whether the recorded head of the chain matches its last event.
    public var headMatches: Bool
    public var headSeq: Int
    public var lastSeq: Int
    public var headHash: String
    /// Altered withdrawal records, and events whose statement is gone without a withdrawal naming it.
    public var withdrawalProblems: [(seq: Int, problem: String)] = []
    /// Recorded consent withdrawals of the study.
    public var withdrawals: Int = 0
    /// Codings, reviews and adjudications the events do not explain when replayed, and events whose row is gone.
    public var unexplained: [String] = []
    /// Rows of the maintained final decisions and participant stances that differ from the views that define them
    /// (checked for owners and leads, who may see every coder's rows).
    public var maintained: [String] = []

    public var intact: Bool {
        breaks.isEmpty && withdrawalProblems.isEmpty && unexplained.isEmpty && maintained.isEmpty && headMatches
            && headSeq == lastSeq
    }

    public static func == (a: AuditReport, b: AuditReport) -> Bool {
        a.events == b.events && a.breaks.map(\.seq) == b.breaks.map(\.seq) && a.headMatches == b.headMatches
            && a.withdrawalProblems.map(\.problem) == b.withdrawalProblems.map(\.problem)
            && a.unexplained == b.unexplained && a.maintained == b.maintained
    }
}

extension Store {
    /// The audit trail in order, optionally of one statement or one coder.
    public func history(study: Study, statement: String?, coder: String?) throws(StoreError) -> [CodingEvent] {
        if let coder { _ = try self.coder(named: coder, study: study) }
        if let statement { _ = try self.statement(reference: statement, study: study) }
        return try connection.query(AuditQueries.history, [study.id, statement, coder], doing: "reading the history")
            .decode((Int, String, String, String, String, String, String, String, String).self).map {
                CodingEvent(
                    seq: $0.0, at: $0.1, coder: $0.2, statement: $0.3, code: $0.4, action: $0.5, old: $0.6, new: $0.7,
                    note: $0.8)
            }
    }

    /// Recomputes the study's hash chain: every event's hash, its link to the one before, and the recorded head;
    /// every event's time against the one before; every withdrawal's hash, and that each event's statement still
    /// exists or went with a withdrawal; replays the events against the codings, reviews and adjudications; and, for
    /// owners and leads, recomputes the final decisions and participant stances and compares the maintained tables.
    public func verifyAudit(study: Study) throws(StoreError) -> AuditReport {
        let breaks = try connection.query(AuditQueries.breaks, [study.id], doing: "verifying the audit trail")
            .decode((Int, String).self).map { (seq: $0.0, problem: $0.1) }
        let (events, lastSeq, headSeq, headHash, headMatches) = try connection.query(
            AuditQueries.head, [study.id], doing: "verifying the audit trail"
        ).one().decode((Int, Int, Int, String, Bool).self)
        let problems = try connection.query(
            WithdrawalQueries.problems, [study.id], doing: "verifying withdrawals"
        ).decode((Int, String).self).map { (seq: $0.0, problem: $0.1) }
        let unexplained = try connection.query(
            AuditQueries.unexplained, [study.id], doing: "replaying the audit trail"
        ).rows.map { (row) throws(StoreError) in try row.decode(0, as: String.self) }
        var maintained: [String] = []
        switch try access(study: study.slug) {
        case .owner, .lead:
            maintained = try connection.query(
                AuditQueries.maintained, [study.id], doing: "comparing the maintained stances with their definition"
            ).rows.map { (row) throws(StoreError) in try row.decode(0, as: String.self) }
        case .coder, .analyst, .none: break
        }
        return AuditReport(
            events: events, breaks: breaks, headMatches: headMatches, headSeq: headSeq, lastSeq: lastSeq,
            headHash: headHash, withdrawalProblems: problems, withdrawals: try withdrawals(study: study).count,
            unexplained: unexplained, maintained: maintained)
    }
}
