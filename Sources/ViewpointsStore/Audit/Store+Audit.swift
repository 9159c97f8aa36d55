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

    public var intact: Bool { breaks.isEmpty && withdrawalProblems.isEmpty && headMatches && headSeq == lastSeq }

    public static func == (a: AuditReport, b: AuditReport) -> Bool {
        a.events == b.events && a.breaks.map(\.seq) == b.breaks.map(\.seq) && a.headMatches == b.headMatches
            && a.withdrawalProblems.map(\.problem) == b.withdrawalProblems.map(\.problem)
    }
}

extension Store {
    /// The audit trail in order, optionally of one statement or one coder.
    public func history(study: Study, statement: String?, coder: String?) throws(StoreError) -> [CodingEvent] {
        if let coder { _ = try self.coder(named: coder, study: study) }
        if let statement { _ = try self.statement(reference: statement, study: study) }
        return try connection.query(AuditQueries.history, [study.id, statement, coder], doing: "reading the history")
            .rows.map { row in
                CodingEvent(
                    seq: Int(row[0]!)!, at: row[1]!, coder: row[2]!, statement: row[3]!, code: row[4]!,
                    action: row[5]!, old: row[6]!, new: row[7]!, note: row[8]!)
            }
    }

    /// Recomputes the study's hash chain: every event's hash, its link to the one before, and the recorded head;
    /// and every withdrawal's hash, and that each event's statement still exists or went with a withdrawal.
    public func verifyAudit(study: Study) throws(StoreError) -> AuditReport {
        let breaks = try connection.query(AuditQueries.breaks, [study.id], doing: "verifying the audit trail").rows
            .map { (seq: Int($0[0]!)!, problem: $0[1]!) }
        let head = try connection.query(AuditQueries.head, [study.id], doing: "verifying the audit trail").rows[0]
        let problems = try connection.query(
            WithdrawalQueries.problems, [study.id], doing: "verifying withdrawals"
        ).rows.map { (seq: Int($0[0]!)!, problem: $0[1]!) }
        return AuditReport(
            events: Int(head[0]!)!, breaks: breaks, headMatches: head[4] == "t", headSeq: Int(head[2]!)!,
            lastSeq: Int(head[1]!)!, headHash: head[3]!, withdrawalProblems: problems,
            withdrawals: try withdrawals(study: study).count)
    }
}
