import ViewpointsCore

// Core's readers and writers from a path: the file is opened here and handed to Core, which reads or writes what
// it is given. Errors name the path exactly as Core names the open file (`FILE:LINE:COLUMN`).

extension CSVReader {
    /// Opens `path` and reads it.
    public init(path: String) throws(CSVError) {
        self.init(file: try InputFile.open(path: path))
    }
}

extension CSVWriter {
    /// Creates or truncates `path` (permissions `mode`) and writes to it; `finish()` closes it.
    public init(path: String, lineEnding: CSVLineEnding = .lf, bom: Bool = false, mode: UInt32 = privateMode)
        throws(CSVError)
    {
        self.init(file: try OutputFile.create(path: path, mode: mode), lineEnding: lineEnding, bom: bom)
    }
}

extension CSVExport {
    /// To `path` (created with permissions `mode`: owner-only unless asked), or to standard output when `path` is
    /// nil or `-`; a file that cannot be created is a write error.
    public init(path: String?, excel: Bool, raw: Bool, mode: UInt32 = CSVWriter.privateMode) throws(CSVError) {
        guard let path, path != "-" else {
            self.init(file: nil, excel: excel, raw: raw)
            return
        }
        do {
            self.init(file: try OutputFile.create(path: path, mode: mode), excel: excel, raw: raw)
        } catch {
            guard case .cannotOpen(let reason) = error.kind else { throw error }
            throw CSVError(kind: .cannotWrite(reason), file: path, line: 0, column: 0)
        }
    }
}

extension ReliabilityCSV {
    /// Opens `path` (a file that cannot be opened is a reliability error like a bad one) and reads it.
    public static func read(
        path: String, layout: ReliabilityLayout = .long, level: MeasurementLevel = .nominal, coders: [String]? = nil
    ) throws(ReliabilityCSVError) -> ReliabilityData {
        try read(file: openRatings(path), layout: layout, level: level, coders: coders)
    }
}

extension ReliabilityRequest {
    /// Opens `path` and computes the coefficients on it.
    public func run(path: String) throws(ReliabilityCSVError) -> [ReliabilityFigure] {
        try run(file: openRatings(path))
    }
}

private func openRatings(_ path: String) throws(ReliabilityCSVError) -> InputFile {
    do {
        return try InputFile.open(path: path)
    } catch {
        throw ReliabilityCSVError(kind: .csv(error), file: path, line: error.line, column: error.column)
    }
}

extension ParticipantsFile {
    /// Opens `path` and reads it as a participants file.
    public static func read(
        path: String, identifying: [String] = defaultIdentifying, keepAttributes: [String] = []
    ) throws -> ParticipantsFile {
        try read(InputFile.open(path: path), identifying: identifying, keepAttributes: keepAttributes)
    }
}

extension CodebookFile {
    /// Opens `path` and reads it as a codebook.
    public static func read(path: String, knownThemes: Set<String> = []) throws -> CodebookFile {
        try read(InputFile.open(path: path), knownThemes: knownThemes)
    }
}

extension CodingsFile {
    /// Opens `path` and reads it as a codings file.
    public static func read(path: String) throws -> CodingsFile {
        try read(InputFile.open(path: path))
    }
}

extension AdjudicationsFile {
    /// Opens `path` and reads it as an adjudications file.
    public static func read(path: String) throws -> AdjudicationsFile {
        try read(InputFile.open(path: path))
    }
}

extension StatementsFile {
    /// Opens `path` and checks its header (see `open(_:problems:)`).
    public static func open(path: String, problems: inout ProblemList) throws -> StatementsFile? {
        try open(InputFile.open(path: path), problems: &problems)
    }
}
