import ViewpointsCore

extension Store {
    /// Consensus as an analyst sees it: only through the database's aggregate functions, which check the login's
    /// membership, withhold small groups unnamed and perturb every count (07_disclosure.sql); the figures are computed
    /// here from the perturbed counts. Withheld groups come as one row per code without a group.
    /// `--where` and a `--min-cell` below 5 are refused (PostgreSQL refuses the latter too).
    public func aggregateConsensus(study: Study, request: ConsensusRequest, role: StudyAccess)
        throws(StoreError) -> ConsensusReport
    {
        if request.filter != nil {
            throw StoreError(
                .permission,
                "a participant filter is refused for the \(role.name) role of \(study.slug): it can single out "
                    + "participants",
                hint: "a lead of the study may filter; an analyst sees the whole panel or groups by an attribute",
                reason: .filterRefused(role: role.name, study: study.slug))
        }
        if request.minCell < 5 {
            throw StoreError(
                .permission,
                "a smallest shown group of \(request.minCell) is refused for the \(role.name) role of \(study.slug): "
                    + "groups of fewer than 5 participants stay suppressed",
                hint: "a lead of the study may lower it",
                reason: .minCellRefused(minCell: request.minCell, role: role.name, study: study.slug))
        }
        let coverage = try ConsensusCoverage(
            connection.query(RoleQueries.aggregateCoverage, [study.slug], doing: "reading the study's coverage"))
        let result = try connection.query(
            RoleQueries.aggregateTallies, [study.slug, request.by, String(request.minCell)],
            doing: "computing consensus tallies")
        var rows: [ConsensusRow] = []
        for tally in result.rows {
            let suppressed = try tally.decode(5, as: Bool?.self) ?? false
            rows.append(
                try ConsensusRow(
                    tally: tally, counts: 6, request: request, coverage: coverage.coverage,
                    suppression: suppressed ? .small : .shown))
        }
        for (isTheme, key) in [(false, request.code), (true, request.theme)] {
            guard let key else { continue }
            guard rows.contains(where: { $0.code == key && $0.isTheme == isTheme }) else {
                throw StoreError(
                    .notFound, "no \(isTheme ? "theme" : "proposition") \(key) in study \(study.slug)",
                    reason: .noSuchCodeOption(key: key, theme: isTheme, study: study.slug))
            }
        }
        rows.removeAll { row in
            (request.code.map { row.code != $0 } ?? false) || (request.theme.map { row.theme != $0 } ?? false)
        }
        // from the unsuppressed counts alone; an analyst cannot read coders' decisions, so no coder sensitivity
        try addRobustness(&rows, study: study, request: request, withCoders: false)
        return ConsensusReport(
            rows: rows, statements: coverage.statements, reviewed: coverage.reviewed,
            unresolvedPairs: coverage.unresolved,
            byAttribute: request.by != nil, robustness: request.robustness != nil, disclosureControlled: true)
    }
}

extension Store {
    /// Consensus as the connected login may see it: owners and leads the full computation, analysts the
    /// suppressed aggregates; coders are refused (they see only their own codings, so the figures would mislead).
    public func consensusAsSession(study: Study, request: ConsensusRequest) throws(StoreError) -> ConsensusReport {
        let role = try role(in: study)
        switch role {
        case .owner, .lead: return try consensus(study: study, request: request)
        case .analyst: return try aggregateConsensus(study: study, request: request, role: role)
        case .coder, .none:
            throw StoreError(
                .permission,
                "consensus of \(study.slug) needs the lead or analyst role; this login is \(role.name) there",
                reason: .needsRole(study: study.slug, role: .analyst))
        }
    }
}
