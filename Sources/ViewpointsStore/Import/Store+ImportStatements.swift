import Foundation
import ViewpointsCore

/// How `import statements` behaves.
public struct StatementImportOptions: ImportModeOptions, Sendable {
    /// The participants CSV, read for the identifying values that redaction replaces.
    public var participantsFile: String?
    public var identifying = ParticipantsFile.defaultIdentifying
    /// Columns of the participants file to read as attributes although they look identifying.
    public var keepAttributes: [String] = []
    /// A file of extra terms to redact (one per line).
    public var redactTerms: [String] = []
    public var update = false
    public var dryRun = false
    /// Called for every replacement (only when set: it costs a slower path), with the line.
    public var onRedaction: (@Sendable (Int, Redaction) -> Void)?
    /// Files at least this large, going into a study with no statements yet, are bulk-loaded: the foreign key to
    /// participants is dropped and re-added (validated by one join) inside the import's transaction, which locks
    /// the statements table for the import's duration.
    public var bulkThresholdBytes = 32 << 20
    /// Called now and then with the rows read so far.
    public var onProgress: (@Sendable (Int) -> Void)?

    public init() {}
}

/// What `import statements` did.
public struct StatementImportResult: Sendable {
    public var summary: ImportSummary
    public var warnings: [ImportWarning] = []
}

extension Store {
    /// Imports statements in one transaction, redacting text, question and source before they leave this process.
    public func importStatements(path: String, study: Study, options: StatementImportOptions) throws
        -> StatementImportResult
    {
        var problems = ProblemList(file: path)
        guard var file = try StatementsFile.open(path: path, problems: &problems) else {
            try problems.throwIfAny()
            throw ImportFailure(problems: [ImportProblem(file: path, line: 1, column: 1, message: "unreadable header")])
        }
        let stored = try storedParticipants(study: study)
        guard !stored.isEmpty else {
            throw StoreError(
                .data, "study '\(study.slug)' has no participants yet",
                hint: "import them first with `viewpoints import participants FILE`")
        }
        let needsKey = file.participantKey == .identifier || options.participantsFile != nil
        let key = needsKey ? try key(for: study) : nil
        let byDigest = Dictionary(stored.map { ($0.digestHex, $0) }, uniquingKeysWith: { a, _ in a })
        let byPseudonym = Dictionary(stored.map { ($0.pseudonym, $0) }, uniquingKeysWith: { a, _ in a })
        let withdrawn = try withdrawnIdentities(study: study)
        let withdrawnByDigest = Dictionary(withdrawn.map { ($0.digestHex, $0) }, uniquingKeysWith: { a, _ in a })
        let withdrawnByPseudonym = Dictionary(withdrawn.map { ($0.pseudonym, $0) }, uniquingKeysWith: { a, _ in a })

        var result = StatementImportResult(summary: ImportSummary(kind: "statements", options: options))
        let redactor = try buildRedactor(
            statementsPath: path, participantKey: file.participantKey, options: options, key: key, byDigest: byDigest,
            withdrawnByDigest: withdrawnByDigest, warnings: &result.warnings)

        try importTransaction(dryRun: options.dryRun, doing: "importing statements") {
            try connection.query(StudyQueries.lockForImport, [study.id], doing: "locking the study")
            let existing = try connection.query(StatementQueries.count, [study.id], doing: "counting statements")
                .one(Int.self)
            // COPY straight into the table is for an owner: PostgreSQL refuses COPY FROM into a table with
            // row-level security to anyone it applies to, so a lead's first load goes through the stage table and
            // an INSERT, which the policies check
            let bypasses = try sessionLogin().bypasses
            let direct = existing == 0 && bypasses
            if !direct { try connection.execute(StatementQueries.createStage, doing: "preparing the import") }
            let bulk = direct && fileSize(path) >= options.bulkThresholdBytes && (try? dropParticipantKey()) == true
            var counts: [RedactionKind: Int] = [:]
            var nextSeq: [Int: Int] = [:]
            var seenSeq = Set<Int64>()  // participant number << 32 | seq; only needed when the file gives seq
            var identifiers: [String: StoredParticipant?] = [:]  // a file repeats few identifiers: hash each once
            var seenIDs: [String: Int] = [:]
            var seenRefs: [String: Int] = [:]
            var rows = 0
            var failure: Error?
            do {
                try connection.copyIn(
                    direct ? StatementQueries.copyDirect : StatementQueries.copyStage, doing: "sending statements"
                ) { (writer: inout CopyWriter) throws(StoreError) in
                    do {
                        while let row = try file.next(problems: &problems) {
                            rows += 1
                            if rows % 20_000 == 0 { options.onProgress?(rows) }
                            let participant: StoredParticipant?
                            switch file.participantKey {
                            case .identifier:
                                if let known = identifiers[row.participant] {
                                    participant = known
                                } else {
                                    participant = byDigest[Hashing.hex(key!.digest(identifier: row.participant))]
                                    if identifiers.count < 100_000 { identifiers[row.participant] = participant }
                                }
                            case .pseudonym:
                                participant = byPseudonym[row.participant.trimmingCharacters(in: .whitespaces)]
                            }
                            guard let participant else {
                                let gone =
                                    file.participantKey == .identifier
                                    ? withdrawnByDigest[Hashing.hex(key!.digest(identifier: row.participant))]
                                    : withdrawnByPseudonym[row.participant.trimmingCharacters(in: .whitespaces)]
                                if let gone {
                                    problems.add(
                                        line: row.line, column: row.participantColumn,
                                        "this participant withdrew consent as \(gone.pseudonym) on \(gone.date): "
                                            + "remove their statements from the file")
                                    continue
                                }
                                problems.add(
                                    line: row.line, column: row.participantColumn,
                                    file.participantKey == .identifier
                                        ? "'participant' is not a participant of study \(study.slug); "
                                            + "import them with `viewpoints import participants` first, or fix the identifier"
                                        : "'pseudonym' \(row.participant) is not a participant of study \(study.slug)")
                                continue
                            }
                            let seq: Int
                            if let given = row.seq {
                                seq = given
                            } else {
                                seq = (nextSeq[participant.number] ?? 0) + 1
                            }
                            let previous = nextSeq[participant.number] ?? 0
                            nextSeq[participant.number] = max(previous, seq)
                            if file.hasSeqColumn, !seenSeq.insert(Int64(participant.number) << 32 | Int64(seq)).inserted
                            {
                                problems.add(
                                    line: row.line, column: row.seqColumn,
                                    "\(participant.pseudonym) already has a statement with seq \(seq) in this file; "
                                        + "each participant's seq must be unique")
                                continue
                            }
                            // an id can be made from a name (`ayesha-khan-3`): it is redacted like the text
                            let rowID = row.id.map { redactor.redactCounting($0, into: &counts) }
                            let reference = rowID ?? "\(participant.pseudonym):\(seq)"
                            if let id = rowID {
                                if let earlier = seenIDs[id] {
                                    problems.add(
                                        line: row.line, column: row.idColumn,
                                        "'id' \(id) is already used on line \(earlier); statement ids must be unique")
                                    continue
                                }
                                seenIDs[id] = row.line
                            } else if !direct {
                                seenRefs[reference] = row.line
                            }
                            var text = row.text
                            var question = row.question
                            var source = row.source
                            if let onRedaction = options.onRedaction {
                                func apply(_ value: String) -> String {
                                    let (out, found) = redactor.redact(value)
                                    for item in found {
                                        counts[item.kind, default: 0] += 1
                                        onRedaction(row.line, item)
                                    }
                                    return out
                                }
                                text = apply(text)
                                question = question.map(apply)
                                source = source.map(apply)
                            } else {
                                text = redactor.redactCounting(text, into: &counts)
                                question = question.map { redactor.redactCounting($0, into: &counts) }
                                source = source.map { redactor.redactCounting($0, into: &counts) }
                            }
                            guard problems.isEmpty else { continue }
                            let digest = "\\x" + Hashing.hex(Hashing.sha256(text))
                            if direct {
                                try writer.row([
                                    study.id, participant.id, String(seq), rowID, question, source, text, digest,
                                ])
                            } else {
                                try writer.row([
                                    String(row.line), participant.id, String(seq), rowID, reference, question, source,
                                    text,
                                    digest,
                                ])
                            }
                        }
                    } catch let error as StoreError {
                        throw error
                    } catch {
                        failure = error
                        throw StoreError(.data, "stopped reading \(path)")
                    }
                    if !problems.isEmpty {
                        failure = ImportFailure(problems: problems.problems, more: problems.more)
                        throw StoreError(.data, "problems in \(path)")
                    }
                }
            } catch {
                throw failure ?? error
            }
            options.onProgress?(rows)
            if bulk {
                try connection.execute(StatementQueries.addParticipantKey, doing: "checking statements' participants")
            }
            result.summary.redactions = Dictionary(counts.map { ($0.key.summaryName, $0.value) }, uniquingKeysWith: +)
            if direct {
                result.summary.new = rows
                return
            }
            try mergeStaged(study: study, path: path, options: options, summary: &result.summary)
        }
        return result
    }

    /// Drops the participants foreign key for a bulk load; false (and nothing changed) when not allowed.
    func dropParticipantKey() throws -> Bool {
        try connection.execute("SAVEPOINT bulk_load", doing: "preparing a bulk load")
        do {
            try connection.execute(StatementQueries.dropParticipantKey, doing: "preparing a bulk load")
            try connection.execute("RELEASE SAVEPOINT bulk_load", doing: "preparing a bulk load")
            return true
        } catch {
            try connection.execute("ROLLBACK TO SAVEPOINT bulk_load", doing: "preparing a bulk load")
            return false
        }
    }

    func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    func mergeStaged(study: Study, path: String, options: StatementImportOptions, summary: inout ImportSummary) throws {
        try connection.query(StatementQueries.matchStage, [study.id], doing: "matching statements")
        try ImportCounts(
            connection.query(StatementQueries.classify, [study.id], doing: "classifying statements")
        ).fill(&summary)
        var problems = ProblemList(file: path)
        if summary.changed > 0 && !options.update {
            for row in try connection.query(StatementQueries.changedLines, doing: "listing changed statements").rows {
                let (line, reference, differences) = try row.decode((Int, String, String).self)
                problems.add(
                    line: line, column: 1,
                    "statement \(reference) differs from the stored one (\(differences)); pass --update to replace it, "
                        + "or give it a new id")
            }
        }
        for row in try connection.query(StatementQueries.collisions, [study.id], doing: "checking seq collisions").rows
        {
            let (line, reference, stored) = try row.decode((Int, String, String).self)
            problems.add(
                line: line, column: 1,
                "new statement \(reference) has the same participant and seq as stored statement \(stored); "
                    + "give it its stored id, or another seq")
        }
        if !problems.isEmpty {
            throw ImportFailure(
                problems: Array(problems.problems.prefix(ImportFailure.shown)),
                more: max(0, problems.problems.count - ImportFailure.shown))
        }
        try connection.query(StatementQueries.insertNew, [study.id], doing: "storing new statements")
        if options.update && summary.changed > 0 {
            try connection.query(StatementQueries.updateChanged, [study.id], doing: "updating changed statements")
        }
    }

    func buildRedactor(
        statementsPath: String, participantKey: StatementsFile.ParticipantKey, options: StatementImportOptions,
        key: StudyKey?, byDigest: [String: StoredParticipant], withdrawnByDigest: [String: WithdrawnIdentity],
        warnings: inout [ImportWarning]
    ) throws -> Redactor {
        var participants: [RedactionParticipant] = []
        if let participantsPath = options.participantsFile {
            let file = try ParticipantsFile.read(
                path: participantsPath, identifying: options.identifying, keepAttributes: options.keepAttributes)
            var problems = ProblemList(file: participantsPath)
            for row in file.rows {
                let digest = Hashing.hex(key!.digest(identifier: row.identifier))
                if let gone = withdrawnByDigest[digest] {
                    // withdrawn: their statements are gone, but their name is still redacted in everyone else's
                    participants.append(row.redactionParticipant(pseudonym: gone.pseudonym, withdrawn: true))
                    continue
                }
                guard let stored = byDigest[digest] else {
                    problems.add(
                        line: row.line, column: 1,
                        "this participant is not in the study; import the participants file first "
                            + "(`viewpoints import participants \(participantsPath)`)")
                    continue
                }
                participants.append(row.redactionParticipant(pseudonym: stored.pseudonym))
            }
            try problems.throwIfAny()
        } else if participantKey == .identifier {
            // Without the participants file, the identifiers in this file are the only identifying values known.
            var problems = ProblemList(file: statementsPath)
            var reader = try StatementsFile.open(path: statementsPath, problems: &problems)
            var values: [String: String] = [:]
            var scratch = ProblemList(file: statementsPath)
            while let row = try reader?.next(problems: &scratch) {
                let normalized = IdentifierNormalizer.normalize(row.participant)
                if values[normalized] == nil { values[normalized] = row.participant }
            }
            for (_, value) in values {
                guard let stored = byDigest[Hashing.hex(key!.digest(identifier: value))] else { continue }
                participants.append(RedactionParticipant(pseudonym: stored.pseudonym, identifier: value))
            }
            warnings.append(.namesFromParticipantColumnOnly)
        } else {
            warnings.append(.namesNotRedacted)
        }
        return Redactor(participants: participants, terms: options.redactTerms)
    }
}

extension RedactionKind {
    /// The word used in import summaries.
    public var summaryName: String {
        switch self {
        case .email: "e-mail"
        case .phone: "phone"
        case .participant: "participant"
        case .sharedName: "shared name"
        case .term: "term"
        }
    }
}
