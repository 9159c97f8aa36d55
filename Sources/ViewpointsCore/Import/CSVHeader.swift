/// The header row of an input file: column names by position, with the checks every import shares.
public struct CSVHeader: Sendable {
    public var names: [String]
    public var columns: [Int]
    public var line: Int

    /// Reads the header record; empty or duplicate names are problems.
    public init(record: CSVRecord, problems: inout ProblemList) {
        // an export neutralizes header cells like any other: `'=x` reads back as `=x`
        names = record.fields.map { CSVSpreadsheetSafety.restore($0).trimmingCharacters(in: .whitespaces) }
        columns = record.columns
        line = record.line
        var seen: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            if name.isEmpty {
                problems.add(
                    line: line, column: columns[i], "column \(i + 1) of the header has no name; name it or remove it")
            } else if let first = seen[name] {
                problems.add(
                    line: line, column: columns[i],
                    "column '\(name)' appears twice in the header (also column \(first + 1)); keep one")
            } else {
                seen[name] = i
            }
        }
    }

    /// The index of a column, if present.
    public func index(_ name: String) -> Int? { names.firstIndex(of: name) }

    /// Checks a record has as many fields as the header; adds a problem and returns false otherwise.
    public func checkWidth(_ record: CSVRecord, problems: inout ProblemList) -> Bool {
        guard record.fields.count != names.count else { return true }
        if record.fields.count > names.count {
            problems.add(
                line: record.line, column: record.columns[names.count],
                "\(record.fields.count) fields where the header has \(names.count); "
                    + "quote fields that contain commas, or remove the extra field")
        } else {
            let last = record.fields.count - 1
            problems.add(
                line: record.line, column: record.columns[last],
                "\(record.fields.count) field\(record.fields.count == 1 ? "" : "s") where the header has \(names.count) "
                    + "(missing '\(names[record.fields.count])'); add the missing fields or check the quoting")
        }
        return false
    }
}

extension String {
    func trimmingCharacters(in set: CharacterSetLite) -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, set.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}

/// The few character classes the import needs, without Foundation.
public enum CharacterSetLite: Sendable {
    case whitespaces
    case whitespacesAndNewlines

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch self {
        case .whitespaces: scalar.properties.isWhitespace && scalar != "\n" && scalar != "\r"
        case .whitespacesAndNewlines: scalar.properties.isWhitespace
        }
    }
}

/// The columns a kind of import file has, and how its messages name them.
struct FileShape: Sendable {
    /// Columns that must be there.
    var required: [String]
    /// Every column the file may have.
    var allowed: [String]
    /// The header an empty file needs, e.g. `statement,code,stance`.
    var header: String
    /// What follows "the header has no 'x' column; ", e.g. "an adjudications file has statement,code,stance".
    var missing: String
    /// What follows "unknown column 'x'; ", e.g. "an adjudications file has the columns statement, code, stance".
    var unknown: String
}

extension CSVHeader {
    /// Starts reading a file of `shape` and reads its header; throws every problem of the header: an empty file, a missing
    /// required column, an unknown column, an empty or repeated name.
    static func open(_ file: InputFile, _ shape: FileShape, problems: inout ProblemList) throws -> (
        CSVReader, CSVHeader
    ) {
        var reader = CSVReader(file: file)
        guard let first = try reader.next() else {
            problems.add(line: 1, column: 1, "the file is empty; it needs a header \(shape.header)")
            throw ImportFailure(problems: problems.problems, more: problems.more)
        }
        let header = CSVHeader(record: first, problems: &problems)
        for required in shape.required where header.index(required) == nil {
            problems.add(
                line: header.line, column: 1, "the header has no '\(required)' column; \(shape.missing)")
        }
        for (i, name) in header.names.enumerated() where !shape.allowed.contains(name) {
            problems.add(line: header.line, column: header.columns[i], "unknown column '\(name)'; \(shape.unknown)")
        }
        try problems.throwIfAny()
        return (reader, header)
    }

    /// The record's fields as written (spreadsheet neutralizing undone), or nil, with a problem, when it does not
    /// have the header's width.
    func fields(of record: CSVRecord, problems: inout ProblemList) -> [String]? {
        guard checkWidth(record, problems: &problems) else { return nil }
        return record.fields.map(CSVSpreadsheetSafety.restore)
    }
}

/// An import file read record by record: its header checked against the file's shape, each record of the header's
/// width handed out with its fields, and every problem collected for one `ImportFailure`.
struct ImportFileReader {
    let header: CSVHeader
    var problems: ProblemList
    private var reader: CSVReader

    /// Starts reading `file` and reads its header; throws every problem of the header (see `CSVHeader.open`).
    init(_ file: InputFile, _ shape: FileShape) throws {
        var problems = ProblemList(file: file.name)
        (reader, header) = try CSVHeader.open(file, shape, problems: &problems)
        self.problems = problems
    }

    /// The next record of the header's width and its fields as written; a record of another width is a problem
    /// and is passed over. Nil at the end of the file.
    mutating func next() throws -> (record: CSVRecord, fields: [String])? {
        while let record = try reader.next() {
            if let fields = header.fields(of: record, problems: &problems) { return (record, fields) }
        }
        return nil
    }
}
