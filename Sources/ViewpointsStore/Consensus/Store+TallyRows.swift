import ViewpointsCore

/// A study's coverage as the consensus reports state it.
struct ConsensusCoverage {
    var statements = 0
    var reviewed = 0
    var coverage: Double?
    var unresolved = 0

    /// Reads `statements, reviewed, coverage[, unresolved]` from the first row, zero when there is none.
    init(_ result: QueryResult) throws(StoreError) {
        guard let row = result.rows.first else { return }
        let (statements, reviewed, coverage) = try row.decode((Int?, Int?, Double?).self)
        self.statements = statements ?? 0
        self.reviewed = reviewed ?? 0
        self.coverage = coverage
        if row.count > 3 { unresolved = try row.decode(3, as: Int?.self) ?? 0 }
    }
}

extension ConsensusRow {
    /// A row of a tallies query: `code, label, theme, is_theme, group`, then at `counts` the eight counts
    /// (participants, theme mentions, the five stances, participants unresolved; NULL read as 0).
    init(
        tally row: Row, counts: Int, request: ConsensusRequest, coverage: Double?,
        suppression: Suppression = .shown
    ) throws(StoreError) {
        let (code, label, theme, isTheme, group) = try row.decode((String, String, String, Bool, String?).self)
        var values: [Int] = []
        for index in counts..<counts + 8 { values.append(try row.decode(index, as: Int?.self) ?? 0) }
        let stances = isTheme ? [0, 0, values[1], 0, 0] : Array(values[2...6])
        self.init(
            code: code, label: label, theme: theme, isTheme: isTheme, attribute: request.by,
            group: request.by == nil ? nil : group, suppression: suppression,
            tally: ConsensusTally(participants: values[0], stances: stances, participantsUnresolved: values[7]),
            coverage: coverage, thresholds: request.thresholds)
    }
}
