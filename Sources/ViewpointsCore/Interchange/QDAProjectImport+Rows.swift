/// A read project as the rows the existing imports take: participants as a checked participants file, codings and
/// adjudications as the rows of their CSV files, so every rule of those imports applies to a project too.
extension QDAProjectImport {
    /// The participants (Cases and their Variables) read as a participants file would be, with the same identifying
    /// checks; each problem is reported at its Case's line in `file`. A name `identifiers` maps (from `--speakers`)
    /// is read as that identifier.
    public func participantsFile(
        file: String, identifiers: [String: String] = [:],
        identifying: [String] = ParticipantsFile.defaultIdentifying, keepAttributes: [String] = []
    ) throws -> ParticipantsFile {
        let names = Set(participants.flatMap(\.attributes.keys)).subtracting(["participant"]).sorted()
        var writer = CSVWriter()
        try writer.write(["participant"] + names)
        for participant in participants {
            let identifier = identifiers[participant.name] ?? participant.name
            try writer.write(
                [Self.oneLine(identifier)] + names.map { participant.attributes[$0] ?? "" }.map(Self.oneLine))
        }
        try writer.finish()
        do {
            return try ParticipantsFile.read(
                bytes: writer.bytes, path: file, identifying: identifying, keepAttributes: keepAttributes)
        } catch let failure as ImportFailure {
            // CSV line 1 is the header (the Variables), line N + 1 the Nth participant
            let lines = participants.map(\.line)
            var moved = failure
            moved.problems = failure.problems.map { problem in
                var problem = problem
                problem.line = lines.isEmpty ? 1 : lines[max(0, min(lines.count - 1, problem.line - 2))]
                problem.column = 1
                return problem
            }
            throw moved
        }
    }

    static func oneLine(_ value: String) -> String {
        String(value.map { $0.isNewline ? " " : $0 })
    }

    /// Every coding as a row of a codings file, and each review with nothing applied as a row without a code;
    /// `ids` are the statements' ids (`QDAStatementRows.ids`).
    public func codingRows(ids: [String]) -> [CodingsFile.Row] {
        var rows = codings.map { coding in
            CodingsFile.Row(
                line: coding.line, statement: ids[coding.statement], coder: coding.coder, code: coding.key,
                stance: Stance(coding.stance) ?? .neutral, note: nil, statementColumn: 1, coderColumn: 1,
                codeColumn: 1)
        }
        let coded = Set(codings.map { "\($0.statement) \($0.coder)" })
        for review in reviews where !coded.contains("\(review.statement) \(review.coder)") {
            rows.append(
                CodingsFile.Row(
                    line: statements[review.statement].line, statement: ids[review.statement], coder: review.coder,
                    code: nil, stance: nil, note: nil, statementColumn: 1, coderColumn: 1, codeColumn: 1))
        }
        return rows
    }

    /// Each lead's adjudications as rows of an adjudications file, leads in the order they first appear.
    public func adjudicationRows(ids: [String]) -> [(lead: String, rows: [AdjudicationsFile.Row])] {
        var leads: [String] = []
        var rows: [String: [AdjudicationsFile.Row]] = [:]
        for adjudication in adjudications {
            if rows[adjudication.lead] == nil { leads.append(adjudication.lead) }
            rows[adjudication.lead, default: []].append(
                AdjudicationsFile.Row(
                    line: adjudication.line, statement: ids[adjudication.statement], code: adjudication.key,
                    stance: adjudication.stance.flatMap { Stance($0) }, statementColumn: 1, codeColumn: 1))
        }
        return leads.map { ($0, rows[$0] ?? []) }
    }

    /// Each participant's name (Case or source) mapped to the source identifier the speaker map or the
    /// participants file gives it; names it does not know are left out (they are taken as identifiers).
    public func identifiers(from mapping: SpeakerMapping) -> [String: String] {
        var found: [String: String] = [:]
        for participant in participants {
            let key = SpeakerMapping.key(participant.name)
            if case .participant(let identifier) = mapping.entries[key] {
                found[participant.name] = identifier
            } else if let identifier = mapping.identifying[key] {
                found[participant.name] = identifier
            }
        }
        return found
    }
}
