import ViewpointsCore
import ViewpointsFiles
import ViewpointsStore

/// Tests name input files by path, as a user does: these open them as the executable does (ViewpointsFiles) and
/// call the Store entry points, which take open files.
extension Store {
    public func importParticipants(path: String, study: Study, options: ParticipantImportOptions) throws
        -> ParticipantImportResult
    {
        try importParticipants(file: InputFile.open(path: path), study: study, options: options)
    }

    public func importStatements(path: String, study: Study, options: StatementImportOptions) throws
        -> StatementImportResult
    {
        try importStatements(file: InputFile.open(path: path), study: study, options: options)
    }

    public func importCodebook(path: String, study: Study, options: CodebookImportOptions) throws -> ImportSummary {
        try importCodebook(file: InputFile.open(path: path), study: study, options: options)
    }

    public func importCodings(path: String, study: Study, options: CodingImportOptions) throws -> CodingImportResult {
        try importCodings(file: InputFile.open(path: path), study: study, options: options)
    }

    public func importAdjudications(path: String, study: Study, lead: String, options: CodingImportOptions) throws
        -> ImportSummary
    {
        try importAdjudications(file: InputFile.open(path: path), study: study, lead: lead, options: options)
    }
}

extension StatementImportOptions {
    /// The participants CSV by path: set opens it (a file that cannot be opened fails the test that sets it).
    public var participantsPath: String? {
        get { participantsFile?.name }
        set { participantsFile = newValue.flatMap { try? InputFile.open(path: $0) } }
    }
}
