import ViewpointsCore

extension Store {
    /// Consensus as an analyst sees it: only through the database's aggregate functions, which check the login's
    /// membership and suppress small groups themselves; the figures are computed here from the counts.
    /// `--where` and a `--min-cell` below 5 are refused (PostgreSQL refuses the latter too).
    public func aggregateConsensus(study: Study, request: ConsensusRequest, role: StudyAccess)
        throws(StoreError) -> ConsensusReport
    {
        if request.filter != nil {
            throw StoreError(
                .permission,
                "--where is refused for the \(role.name) role of \(study.slug): it can single out participants",
                hint: "a lead of the study may use --where; an analyst sees the whole panel or --by groups")
        }
        if request.minCell < 5 {
            throw StoreError(
                .permission,
                "--min-cell \(request.minCell) is refused for the \(role.name) role of \(study.slug): "
                    + "groups of fewer than 5 participants stay suppressed",
                hint: "a lead of the study may lower --min-cell")
        }
        let coverageRow = try connection.query(
            RoleQueries.aggregateCoverage, [study.slug], doing: "reading the study's coverage"
        ).rows.first
        let statements = Int(coverageRow?[0] ?? "0") ?? 0
        let reviewed = Int(coverageRow?[1] ?? "0") ?? 0
        let coverage = coverageRow?[2].flatMap(Double.init)
        let unresolved = Int(coverageRow?[3] ?? "0") ?? 0
        let result = try connection.query(
            RoleQueries.aggregateTallies, [study.slug, request.by, String(request.minCell)],
            doing: "computing consensus tallies")
        var rows: [ConsensusRow] = []
        for row in result.rows {
            let code = row[0]!
            let theme = row[2]!
            let isTheme = row[3] == "t"
            let suppressed = row[5] == "t"
            let counts = row[6...13].map { Int($0 ?? "0") ?? 0 }
            let stances = isTheme ? [0, 0, counts[1], 0, 0] : Array(counts[2...6])
            rows.append(
                ConsensusRow(
                    code: code, label: row[1]!, theme: theme, isTheme: isTheme, attribute: request.by,
                    group: request.by == nil ? nil : row[4], suppression: suppressed ? .small : .shown,
                    tally: ConsensusTally(participants: counts[0], stances: stances, participantsUnresolved: counts[7]),
                    coverage: coverage, thresholds: request.thresholds))
        }
        for (option, key) in [("--code", request.code), ("--theme", request.theme)] {
            guard let key else { continue }
            guard rows.contains(where: { $0.code == key && $0.isTheme == (option == "--theme") }) else {
                throw StoreError(
                    .notFound,
                    "\(option) \(key): no such \(option == "--theme" ? "theme" : "proposition") in study \(study.slug)")
            }
        }
        rows.removeAll { row in
            (request.code.map { row.code != $0 } ?? false) || (request.theme.map { row.theme != $0 } ?? false)
        }
        return ConsensusReport(
            rows: rows, statements: statements, reviewed: reviewed, unresolvedPairs: unresolved,
            byAttribute: request.by != nil)
    }
}

extension Store {
    /// Consensus as the connected login may see it: owners and leads the full computation, analysts the
    /// suppressed aggregates; coders are refused (they see only their own codings, so the figures would mislead).
    public func consensusAsSession(study: Study, request: ConsensusRequest) throws(StoreError) -> ConsensusReport {
        let role = try access(study: study.slug)
        switch role {
        case .owner, .lead: return try consensus(study: study, request: request)
        case .analyst: return try aggregateConsensus(study: study, request: request, role: role)
        case .coder, .none:
            throw StoreError(
                .permission,
                "consensus of \(study.slug) needs the lead or analyst role; this login is \(role.name) there",
                hint: "an owner can grant it: `viewpoints grant --study \(study.slug) --role analyst --user LOGIN`")
        }
    }
}
