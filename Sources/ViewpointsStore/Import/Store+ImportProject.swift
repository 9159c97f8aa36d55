import ViewpointsCore

/// How `import project` behaves: the participants and statements imports' options, applied to a REFI-QDA project.
public struct ProjectImportOptions: ImportModeOptions, Sendable {
    /// A participants CSV to take the participants from instead of the project's Cases and Variables (its names
    /// are redacted too).
    public var participantsFile: InputFile?
    /// Case (or source) name → the participant's source identifier, from `--speakers` or the participants file.
    public var identifiers: [String: String] = [:]
    public var identifying = ParticipantsFile.defaultIdentifying
    public var keepAttributes: [String] = []
    /// Extra terms to redact (`--redact`).
    public var redactTerms: [String] = []
    public var update = false
    public var dryRun = false

    public init() {}
}

/// What `import project` did, import by import.
public struct ProjectImportResult: Sendable {
    public var codebook: ImportSummary?
    public var participants: ParticipantImportResult
    public var statements: StatementImportResult
    public var codings: CodingImportResult
    /// One summary per lead whose decisions the project carried (a Viewpoints export).
    public var adjudications: [(lead: String, summary: ImportSummary)] = []
}

extension Store {
    /// Imports a read REFI-QDA project in one transaction: its codebook, participants (its Cases and Variables, or
    /// the participants file), statements (through the statements pipeline: identifying columns and redaction
    /// before anything is stored), coders and codings, and a Viewpoints export's adjudications. Every part is
    /// checked as its own import checks it; on any problem nothing is stored.
    public func importQDAProject(_ project: QDAProjectImport, file: String, study: Study, options: ProjectImportOptions)
        throws -> ProjectImportResult
    {
        let participants =
            try options.participantsFile.map {
                try ParticipantsFile.read(
                    $0, identifying: options.identifying, keepAttributes: options.keepAttributes)
            }
            ?? project.participantsFile(
                file: file, identifiers: options.identifiers, identifying: options.identifying,
                keepAttributes: options.keepAttributes)
        let key = try key(for: study)
        var rows = QDAStatementRows(project, file: file, identifiers: options.identifiers)
        let ids = rows.ids
        // a Viewpoints export's Cases are pseudonyms in order: numbering them in that order keeps them, and their
        // text was redacted when it was first imported
        let pseudonymous = project.fromViewpoints && options.participantsFile == nil
        return try importTransaction(dryRun: options.dryRun, doing: "importing the project") {
            let codebook = try project.codebook.map {
                try storeCodebook($0.codebook, study: study, options: mode(options))
            }
            var result = ProjectImportResult(
                codebook: codebook,
                participants: try storeParticipants(
                    participants, key: key, study: study, options: participantOptions(options, fileOrder: pseudonymous)),
                statements: try storeProjectStatements(
                    &rows, file: file, study: study, options: options, pseudonymous: pseudonymous),
                codings: try storeCodings(
                    CodingsFile(path: file, rows: project.codingRows(ids: ids)), study: study, options: mode(options)))
            if pseudonymous {
                result.participants.warnings.removeAll { $0 == .fileOrder }
                result.statements.warnings.removeAll { $0 == .namesFromParticipantColumnOnly }
            }
            result.adjudications = try storeProjectAdjudications(project, ids: ids, file: file, study: study, options)
            return result
        }
    }

    /// A Viewpoints export's adjudications, lead by lead (each lead added as a coder when missing).
    func storeProjectAdjudications(
        _ project: QDAProjectImport, ids: [String], file: String, study: Study, _ options: ProjectImportOptions
    ) throws -> [(lead: String, summary: ImportSummary)] {
        var summaries: [(lead: String, summary: ImportSummary)] = []
        for (lead, rows) in project.adjudicationRows(ids: ids) {
            try addCoder(name: lead, study: study)
            let summary = try storeAdjudications(
                AdjudicationsFile(path: file, rows: rows), lead: coder(named: lead, study: study), study: study,
                options: mode(options))
            summaries.append((lead, summary))
        }
        return summaries
    }

    func participantOptions(_ options: ProjectImportOptions, fileOrder: Bool) -> ParticipantImportOptions {
        var participantOptions = ParticipantImportOptions()
        (participantOptions.update, participantOptions.dryRun) = (options.update, options.dryRun)
        participantOptions.fileOrder = fileOrder
        return participantOptions
    }

    /// The project's paragraphs through the statements pipeline, inside the project's transaction. The Case names
    /// of a `pseudonymous` project (one Viewpoints wrote, without a participants file) are pseudonyms, not names: they
    /// are not redacted again (`[P03]` would become `[[P03]]`).
    func storeProjectStatements(
        _ rows: inout QDAStatementRows, file: String, study: Study, options: ProjectImportOptions, pseudonymous: Bool
    ) throws -> StatementImportResult {
        var statementOptions = StatementImportOptions()
        statementOptions.participantsFile = options.participantsFile
        statementOptions.identifying = options.identifying
        statementOptions.keepAttributes = options.keepAttributes
        statementOptions.redactTerms = options.redactTerms
        (statementOptions.update, statementOptions.dryRun) = (options.update, options.dryRun)
        var result = StatementImportResult(summary: ImportSummary(kind: "statements", options: statementOptions))
        // a project without text (only PDFs, say) has no statements, and perhaps no participants to hold them
        guard !rows.rows.isEmpty else { return result }
        let names = pseudonymous ? [] : rows.rows.map(\.participant)
        let context = try statementImportContext(
            study: study, participantKey: .identifier, options: statementOptions, label: file,
            warnings: &result.warnings
        ) {
            Dictionary(names.map { (IdentifierNormalizer.normalize($0), $0) }, uniquingKeysWith: { a, _ in a })
        }
        var problems = ProblemList(file: file)
        try storeStatementRows(from: &rows, context: context, bulkBytes: 0, problems: &problems, result: &result)
        return result
    }

    func mode(_ options: ProjectImportOptions) -> ImportMode {
        var mode = ImportMode()
        (mode.update, mode.dryRun) = (options.update, options.dryRun)
        return mode
    }
}
