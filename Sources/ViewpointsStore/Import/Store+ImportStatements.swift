import Foundation
import ViewpointsCore

/// How `import statements` behaves.
public struct StatementImportOptions: ImportModeOptions, Sendable {
    /// The participants CSV, read for the identifying values that redaction replaces.
    public var participantsFile: InputFile?
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
    /// Rows without seq number on after the participant's stored statements (transcripts), instead of from 1.
    var numberAfterStored = false

    public init() {}
}

/// What `import statements` did.
public struct StatementImportResult: Sendable {
    public var summary: ImportSummary
    public var warnings: [ImportWarning] = []
}

extension Store {
    /// Imports statements in one transaction, redacting text, question and source before they leave this process.
    public func importStatements(file input: InputFile, study: Study, options: StatementImportOptions) throws
        -> StatementImportResult
    {
        let path = input.name
        var problems = ProblemList(file: path)
        guard var file = try StatementsFile.open(input, problems: &problems) else {
            try problems.throwIfAny()
            throw ImportFailure(problems: [ImportProblem(file: path, line: 1, column: 1, message: "unreadable header")])
        }
        var result = StatementImportResult(summary: ImportSummary(kind: "statements", options: options))
        let context = try statementImportContext(
            study: study, participantKey: file.participantKey, options: options, label: path,
            warnings: &result.warnings
        ) { try Store.participantValues(inStatementsFile: input) }
        try importStatementRows(
            from: &file, context: context, bulkBytes: input.size, problems: &problems, result: &result)
        return result
    }

    /// The study's participants, the key and the redactor a statement import needs before it reads a row.
    /// `identifiers` gives the participants' identifying values found in the input (normalised value → value) when
    /// there is no participants file and rows name participants by identifier.
    func statementImportContext(
        study: Study, participantKey: StatementsFile.ParticipantKey, options: StatementImportOptions, label: String,
        warnings: inout [ImportWarning], identifiers: () throws -> [String: String]
    ) throws -> StatementImportContext {
        let stored = try storedParticipants(study: study)
        guard !stored.isEmpty else {
            throw StoreError(
                .data, "study '\(study.slug)' has no participants yet",
                reason: .noParticipantsYet)
        }
        let needsKey = participantKey == .identifier || options.participantsFile != nil
        let key = needsKey ? try key(for: study) : nil
        let withdrawn = try withdrawnIdentities(study: study)
        var context = StatementImportContext(
            study: study, options: options, label: label, participantKey: participantKey, key: key,
            byDigest: Dictionary(stored.map { ($0.digestHex, $0) }, uniquingKeysWith: { a, _ in a }),
            byPseudonym: Dictionary(stored.map { ($0.pseudonym, $0) }, uniquingKeysWith: { a, _ in a }),
            withdrawnByDigest: Dictionary(withdrawn.map { ($0.digestHex, $0) }, uniquingKeysWith: { a, _ in a }),
            withdrawnByPseudonym: Dictionary(withdrawn.map { ($0.pseudonym, $0) }, uniquingKeysWith: { a, _ in a }))
        context.redactor = try buildRedactor(context: context, warnings: &warnings, identifiers: identifiers)
        return context
    }

    /// Imports rows from any source (a statements CSV, transcripts) in one transaction: the statements pipeline.
    func importStatementRows<Source: StatementRowSource>(
        from source: inout Source, context: StatementImportContext, bulkBytes: Int, problems: inout ProblemList,
        result: inout StatementImportResult
    ) throws {
        try importTransaction(dryRun: context.options.dryRun, doing: "importing statements") {
            try storeStatementRows(
                from: &source, context: context, bulkBytes: bulkBytes, problems: &problems, result: &result)
        }
    }

    /// The statements pipeline inside a transaction the caller holds (statements, transcripts, `import project`).
    func storeStatementRows<Source: StatementRowSource>(
        from source: inout Source, context: StatementImportContext, bulkBytes: Int, problems: inout ProblemList,
        result: inout StatementImportResult
    ) throws {
        let (study, options) = (context.study, context.options)
        try connection.query(StudyQueries.lockForImport, [study.id], doing: "locking the study")
        let existing = try connection.query(StatementQueries.count, [study.id], doing: "counting statements")
            .one(Int.self)
        // COPY straight into the table is for an owner: PostgreSQL refuses COPY FROM into a table with
        // row-level security to anyone it applies to, so a lead's first load goes through the stage table and
        // an INSERT, which the policies check
        let bypasses = try sessionLogin().bypasses
        let direct = existing == 0 && bypasses
        if !direct { try connection.execute(StatementQueries.createStage, doing: "preparing the import") }
        let bulk = direct && bulkBytes >= options.bulkThresholdBytes && (try? dropParticipantKey()) == true
        var state = StatementRowState(direct: direct)
        try copyStatementRows(from: &source, context: context, state: &state, problems: &problems)
        options.onProgress?(state.rows)
        if bulk {
            try connection.execute(StatementQueries.addParticipantKey, doing: "checking statements' participants")
            try connection.execute(StatementQueries.resumeCountTrigger, doing: "counting statements")
            try connection.query(
                StatementQueries.countBulkLoaded, [study.id, String(state.copied)], doing: "counting statements")
        }
        result.summary.redactions = Dictionary(
            state.counts.map { ($0.key.summaryName, $0.value) }, uniquingKeysWith: +)
        if direct {
            result.summary.new = state.rows
            return
        }
        if options.numberAfterStored {
            try connection.query(StatementQueries.numberAfterStored, [study.id], doing: "numbering statements")
        }
        try mergeStaged(
            study: study, label: context.label, places: state.places, options: options, summary: &result.summary)
    }

    /// Sends every row through COPY (into the table, or the stage table); rows with problems are collected and,
    /// if there are any, the import stops with all of them.
    func copyStatementRows<Source: StatementRowSource>(
        from source: inout Source, context: StatementImportContext, state: inout StatementRowState,
        problems: inout ProblemList
    ) throws {
        var failure: Error?
        let hasSeqColumn = source.hasSeqColumn
        do {
            state.copied = try connection.copyIn(
                state.direct ? StatementQueries.copyDirect : StatementQueries.copyStage, binary: true,
                doing: "sending statements"
            ) { (writer: inout CopyWriter) throws(StoreError) in
                do {
                    while let row = try source.next(problems: &problems) {
                        state.rows += 1
                        if state.rows % 20_000 == 0 { context.options.onProgress?(state.rows) }
                        if let fields = state.fields(
                            for: row, context: context, hasSeqColumn: hasSeqColumn, problems: &problems)
                        {
                            try writer.row(binary: fields)
                        }
                    }
                } catch let error as StoreError {
                    throw error
                } catch {
                    failure = error
                    throw StoreError(.data, "stopped reading \(context.label)")
                }
                if !problems.isEmpty {
                    failure = ImportFailure(problems: problems.problems, more: problems.more)
                    throw StoreError(.data, "problems in \(context.label)")
                }
            }
        } catch {
            throw failure ?? error
        }
    }

    /// The participant values of a statements CSV (normalised value → first spelling), read for redaction.
    static func participantValues(inStatementsFile input: InputFile) throws -> [String: String] {
        let path = input.name
        var problems = ProblemList(file: path)
        var reader = try StatementsFile.open(input, problems: &problems)
        var values: [String: String] = [:]
        var scratch = ProblemList(file: path)
        while let row = try reader?.next(problems: &scratch) {
            let normalized = IdentifierNormalizer.normalize(row.participant)
            if values[normalized] == nil { values[normalized] = row.participant }
        }
        return values
    }

    /// Drops the participants foreign key and pauses the statement count's trigger for a bulk load; false (and
    /// nothing changed) when not allowed.
    func dropParticipantKey() throws -> Bool {
        try connection.execute("SAVEPOINT bulk_load", doing: "preparing a bulk load")
        do {
            try connection.execute(StatementQueries.dropParticipantKey, doing: "preparing a bulk load")
            try connection.execute(StatementQueries.pauseCountTrigger, doing: "preparing a bulk load")
            try connection.execute("RELEASE SAVEPOINT bulk_load", doing: "preparing a bulk load")
            return true
        } catch {
            try connection.execute("ROLLBACK TO SAVEPOINT bulk_load", doing: "preparing a bulk load")
            return false
        }
    }

    /// Matches staged rows to stored statements, refuses changed rows (without `--update`) and seq collisions, and
    /// stores what is new. `places` maps a stage line to its file and line for rows from several files.
    func mergeStaged(
        study: Study, label: String, places: [Int: (file: String, line: Int)], options: StatementImportOptions,
        summary: inout ImportSummary
    ) throws {
        try connection.query(StatementQueries.matchStage, [study.id], doing: "matching statements")
        try ImportCounts(
            connection.query(StatementQueries.classify, [study.id], doing: "classifying statements")
        ).fill(&summary)
        var problems = ProblemList(file: label)
        func add(line: Int, _ message: String, remedy: ImportRemedy? = nil) {
            if let place = places[line] {
                problems.add(file: place.file, line: place.line, column: 1, message, remedy: remedy)
            } else {
                problems.add(line: line, column: 1, message, remedy: remedy)
            }
        }
        if summary.changed > 0 && !options.update {
            for row in try connection.query(StatementQueries.changedLines, doing: "listing changed statements").rows {
                let (line, reference, differences) = try row.decode((Int, String, String).self)
                add(
                    line: line, "statement \(reference) differs from the stored one (\(differences))",
                    remedy: .updateOrNewID)
            }
        }
        for row in try connection.query(StatementQueries.collisions, [study.id], doing: "checking seq collisions").rows
        {
            let (line, reference, stored) = try row.decode((Int, String, String).self)
            add(
                line: line,
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
        context: StatementImportContext, warnings: inout [ImportWarning], identifiers: () throws -> [String: String]
    ) throws -> Redactor {
        let options = context.options
        var participants: [RedactionParticipant] = []
        if let participantsFile = options.participantsFile {
            participants = try redactionParticipants(participantsFile: participantsFile, context: context)
        } else if context.participantKey == .identifier {
            // Without the participants file, the identifiers in this file are the only identifying values known.
            for (_, value) in try identifiers() {
                guard let stored = context.byDigest[Hashing.hex(context.key!.digest(identifier: value))] else {
                    continue
                }
                participants.append(RedactionParticipant(pseudonym: stored.pseudonym, identifier: value))
            }
            warnings.append(.namesFromParticipantColumnOnly)
        } else {
            warnings.append(.namesNotRedacted)
        }
        return Redactor(participants: participants, terms: options.redactTerms)
    }

    /// Every participant of the participants file under their pseudonym (withdrawn ones too, as `[NAME]`); one
    /// that is not in the study is a problem.
    func redactionParticipants(participantsFile: InputFile, context: StatementImportContext) throws
        -> [RedactionParticipant]
    {
        let options = context.options
        let file = try ParticipantsFile.read(
            participantsFile, identifying: options.identifying, keepAttributes: options.keepAttributes)
        let participantsPath = participantsFile.name
        var problems = ProblemList(file: participantsPath)
        var participants: [RedactionParticipant] = []
        for row in file.rows {
            let digest = Hashing.hex(context.key!.digest(identifier: row.identifier))
            if let gone = context.withdrawnByDigest[digest] {
                // withdrawn: their statements are gone, but their name is still redacted in everyone else's
                participants.append(row.redactionParticipant(pseudonym: gone.pseudonym, withdrawn: true))
                continue
            }
            guard let stored = context.byDigest[digest] else {
                problems.add(
                    line: row.line, column: 1,
                    "this participant is not in the study; import the participants file first",
                    remedy: .importParticipants(file: participantsPath))
                continue
            }
            participants.append(row.redactionParticipant(pseudonym: stored.pseudonym))
        }
        try problems.throwIfAny()
        return participants
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
