import ViewpointsCore

/// How `import transcripts` behaves: the statements import's options, and how many segments to show.
public struct TranscriptImportOptions: Sendable {
    public var statements = StatementImportOptions()
    /// `--show-segments N`: the first N segments, with speaker → pseudonym and redactions.
    public var showSegments = 0
    /// The transcripts' size: a large first import into an empty study is bulk-loaded, as a large statements CSV is.
    public var bulkBytes = 0

    public init() {}
}

/// A segment as `--show-segments` prints it: where it is, who spoke, and the text as it would be stored.
public struct SegmentPreview: Sendable {
    public var file: String
    public var line: Int
    public var id: String
    public var speaker: String
    /// The pseudonym the speaker's statements get (nil for a speaker not in the study).
    public var pseudonym: String?
    public var text: String
    public var redactions: [Redaction]
}

/// What `import transcripts` did.
public struct TranscriptImportResult: Sendable {
    public var summary: ImportSummary
    public var warnings: [ImportWarning] = []
    /// Things the readers accepted but noticed (times out of order), at FILE:LINE.
    public var transcriptWarnings: [ImportProblem] = []
    /// Parts of the transcripts not taken as speech, by kind.
    public var leftOut: [String: Int] = [:]
    public var files = 0
    public var segments: [SegmentPreview] = []
}

extension Store {
    /// Imports transcripts as statements through the statements pipeline: one transaction, client-side
    /// redaction, the same summary and FILE:LINE errors.
    public func importTranscripts(_ transcripts: TranscriptRows, study: Study, options: TranscriptImportOptions)
        throws -> TranscriptImportResult
    {
        var rows = transcripts
        var options = options
        options.statements.numberAfterStored = true
        var result = StatementImportResult(summary: ImportSummary(kind: "statements", options: options.statements))
        let label = rows.paths.count == 1 ? rows.paths[0] : "transcripts"
        let context = try statementImportContext(
            study: study, participantKey: .identifier, options: options.statements, label: label,
            warnings: &result.warnings
        ) {
            Dictionary(
                rows.mapping.identifiers.map { (IdentifierNormalizer.normalize($0), $0) },
                uniquingKeysWith: { a, _ in a })
        }
        var problems = ProblemList(file: label)
        try importStatementRows(
            from: &rows, context: context, bulkBytes: options.bulkBytes, problems: &problems, result: &result)
        var done = TranscriptImportResult(summary: result.summary, warnings: result.warnings)
        done.transcriptWarnings = rows.warnings
        done.leftOut = rows.leftOut
        done.files = rows.filesRead
        done.segments = rows.preview.map { segment in
            let (text, redactions) = context.redactor.redact(segment.row.text)
            return SegmentPreview(
                file: segment.row.file ?? label, line: segment.row.line, id: segment.row.id ?? "",
                speaker: segment.speaker, pseudonym: context.stored(segment.row.participant)?.pseudonym, text: text,
                redactions: redactions)
        }
        return done
    }
}
