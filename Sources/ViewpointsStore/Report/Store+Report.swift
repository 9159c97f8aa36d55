import ViewpointsCore

/// What `viewpoints report` asks for.
public struct ReportRequest: Sendable, Equatable {
    /// The consensus part: `--theme`, `--by`, `--min-cell` and thresholds (no `--code` or `--where`).
    public var consensus: ConsensusRequest
    /// Quotes per finding.
    public var quotes: Int
    /// Attributes named in each quote's attribution, in this order.
    public var quoteAttributes: [String]
    /// Attributes tried, in order, for the interview period.
    public var periodAttributes: [String]
    public var toolVersion: String
    /// `--date`, printed as given.
    public var date: String?

    public init(
        consensus: ConsensusRequest, quotes: Int = 2, quoteAttributes: [String] = [],
        periodAttributes: [String] = ["interview_month", "interview_date", "interview_year", "interview_period"],
        toolVersion: String, date: String? = nil
    ) {
        self.consensus = consensus
        self.quotes = quotes
        self.quoteAttributes = quoteAttributes
        self.periodAttributes = periodAttributes
        self.toolVersion = toolVersion
        self.date = date
    }
}

extension Store {
    /// Everything a findings report shows, as the connected login may see it: owners and leads get consensus,
    /// reliability per theme, disagreements, the audit head and quotes; analysts the suppressed tallies of
    /// `aggregateConsensus` and nothing that reads statements or codings; coders are refused as by `consensus`.
    public func reportData(study: Study, request: ReportRequest) throws(StoreError) -> ReportData {
        let role = try role(in: study)
        let audience: ReportData.Audience
        switch role {
        case .owner, .lead: audience = .lead
        case .analyst: audience = .analyst
        case .coder, .none:
            throw StoreError(
                .permission,
                "a report of \(study.slug) needs the lead or analyst role; this login is \(role.name) there",
                reason: .needsRole(study: study.slug, role: .analyst))
        }
        var whole = request.consensus
        whole.by = nil
        // each key finding carries its robustness (METHODS.md, "Robustness of findings"): fragility and panel
        // resampling for every role, coder sensitivity for leads
        whole.robustness = whole.robustness ?? RobustnessRequest()
        let study_ = try consensusAsSession(study: study, request: whole)
        var groups: [ConsensusRow] = []
        if request.consensus.by != nil {
            groups = try consensusAsSession(study: study, request: request.consensus).rows
        }
        let participants = study_.rows.first?.tally.participants ?? 0
        var facts = ReportFacts(
            slug: study.slug, title: study.title, participants: participants, statements: study_.statements,
            reviewed: study_.reviewed, coders: nil, period: nil, toolVersion: request.toolVersion,
            schemaVersion: try schemaVersion(), auditHead: nil, date: request.date)
        guard audience == .lead else {
            facts.period = try analystPeriod(study: study, request: request)
            return ReportData(
                facts: facts, audience: .analyst, rows: study_.rows, groupRows: groups,
                unresolvedPairs: study_.unresolvedPairs, reliability: nil, disagreements: nil, quotes: [:])
        }
        let coders = try reviewingCoders(study: study)
        try addLeadFacts(to: &facts, coders: coders, study: study, request: request)
        var reliability: CodingReliabilityReport?
        if coders.count >= 2 {
            let decisions = try reliabilityDecisions(study: study, coders: coders, code: request.consensus.theme)
            reliability = CodingReliability(unit: .statement, grouping: .theme, coders: coders).report(decisions)
        }
        let disagreements = try self.disagreements(study: study, coders: nil)
            .filter { row in request.consensus.theme.map { row.code.hasPrefix($0 + ".") } ?? true }
            .map { ReportDisagreement(statement: $0.statement, code: $0.code, status: $0.status) }
        let data = ReportData(
            facts: facts, audience: .lead, rows: study_.rows, groupRows: groups,
            unresolvedPairs: study_.unresolvedPairs, reliability: reliability, disagreements: disagreements,
            quotes: [:])
        var withQuotes = data
        withQuotes.quotes = try quotes(for: data, request: request, study: study)
        return withQuotes
    }

    /// What a lead's report says beyond an analyst's: the reviewing coders, the period, the audit head.
    func addLeadFacts(to facts: inout ReportFacts, coders: [String], study: Study, request: ReportRequest)
        throws(StoreError)
    {
        facts.coders = coders.count
        for attribute in request.periodAttributes {
            let row = try connection.query(ReportQueries.period, [study.id, attribute], doing: "reading the period")
                .rows.first
            if let first = row?[0], let last = row?[1] {
                facts.period = ReportPeriod(attribute: attribute, first: first, last: last)
                break
            }
        }
        let head = try connection.query(ReportQueries.auditHead, [study.id], doing: "reading the audit head").rows[0]
        facts.auditHead = ReportAuditHead(events: Int(head[0] ?? "0") ?? 0, hash: head[1] ?? "")
    }

    /// The chosen quotes of every finding of `data`.
    func quotes(for data: ReportData, request: ReportRequest, study: Study) throws(StoreError)
        -> [String: [ReportQuote]]
    {
        guard request.quotes > 0 else { return [:] }
        let findings = FindingsReport(data: data, options: .init(thresholds: request.consensus.thresholds)).findings
        guard !findings.isEmpty else { return [:] }
        let sides = findings.map { QuoteSelection.side(of: $0.tally) }
        let keys = "{" + findings.map { "\"\($0.code)\"" }.joined(separator: ",") + "}"
        let signs = "{" + sides.map { $0 == .support ? "1" : "-1" }.joined(separator: ",") + "}"
        let rows = try connection.query(
            ReportQueries.quoteCandidates, [study.id, keys, signs, String(request.quotes)],
            doing: "choosing quotes")
        var candidates: [String: [ReportQuote]] = [:]
        for row in rows.rows {
            let (code, statement, pseudonym, number, stance, text, json) = try row.decode(
                (String, String, String, Int?, Int?, String, String?).self)
            let attributes = Store.decodeAttributes(json ?? "{}")
            candidates[code, default: []].append(
                ReportQuote(
                    code: code, statement: statement, pseudonym: pseudonym, participantNumber: number ?? 0,
                    stance: stance ?? 0, text: text, attributes: request.quoteAttributes.compactMap { attributes[$0] }))
        }
        var result: [String: [ReportQuote]] = [:]
        for (finding, side) in zip(findings, sides) {
            result[finding.code] = QuoteSelection.choose(
                candidates[finding.code] ?? [], side: side, limit: request.quotes)
        }
        return result
    }

    /// An analyst's interview period: the group names of the suppressed breakdown by the period attribute, which
    /// the analyst may list anyway (`consensus --by`); the first attribute that has groups other than (missing).
    func analystPeriod(study: Study, request: ReportRequest) throws(StoreError) -> ReportPeriod? {
        for attribute in request.periodAttributes {
            var byPeriod = request.consensus
            byPeriod.by = attribute
            byPeriod.theme = nil
            guard let rows = try? aggregateConsensus(study: study, request: byPeriod, role: .analyst).rows else {
                continue
            }
            let names = Set(rows.compactMap(\.group)).subtracting(["(missing)"]).sorted()
            if let first = names.first, let last = names.last {
                return ReportPeriod(attribute: attribute, first: first, last: last)
            }
        }
        return nil
    }
}
