/// One thing wrong with an input file, at a place a researcher can open in an editor.
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based physical line where the record starts (the header is line 1).
    public var line: Int
    /// 1-based character column where the field starts.
    public var column: Int
    /// What is wrong and how to fix the file, naming the header of the column.
    public var message: String
    /// What else resolves it (a flag, another import), worded by the executable after the message.
    public var remedy: ImportRemedy?

    public init(file: String, line: Int, column: Int, message: String, remedy: ImportRemedy? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = ImportProblem.printable(message)
        self.remedy = remedy
    }

    /// `FILE:LINE:COLUMN: message` (the remedy left to the executable).
    public var description: String { "\(file):\(line):\(column): \(message)" }

    /// True for a refusal of a changed row, which running the import again with `--update` resolves.
    public var resolvedByUpdate: Bool { remedy?.isUpdate ?? false }

    /// Longest message kept whole, in Unicode scalars; longer ones lose their middle.
    static let longestMessage = 400

    /// A message that is safe to print: it echoes values from the file, so control characters (which could
    /// forge lines or drive the terminal) and bidirectional overrides are escaped, and a huge value (a 10 MB
    /// field) is cut in the middle, keeping the start and the advice at the end.
    static func printable(_ message: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in message.unicodeScalars {
            switch scalar.value {
            case 0x0A: scalars.append(contentsOf: #"\n"#.unicodeScalars)
            case 0x0D: scalars.append(contentsOf: #"\r"#.unicodeScalars)
            case 0x09: scalars.append(contentsOf: #"\t"#.unicodeScalars)
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF:
                scalars.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            default: scalars.append(scalar)
            }
        }
        guard scalars.count > longestMessage else { return String(scalars) }
        let keep = longestMessage / 2 - 20
        let left = scalars.count - 2 * keep
        return String(scalars.prefix(keep)) + " …(\(left) characters left out)… " + String(scalars.suffix(keep))
    }
}

/// An import that was refused: every problem found (the first 20 are shown, then a count).
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    public var problems: [ImportProblem]
    /// Problems found beyond those kept.
    public var more: Int

    public static let shown = 20

    public init(problems: [ImportProblem], more: Int = 0) {
        self.problems = problems
        self.more = more
    }

    /// Every problem added, kept or only counted.
    public var count: Int { problems.count + more }

    /// The problems' files, when they are all in one.
    public var file: String? {
        let files = Set(problems.map(\.file))
        return files.count == 1 ? files.first : nil
    }

    /// The problems kept, one `FILE:LINE:COLUMN: message` a line (the executable words the whole refusal).
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// What resolves a problem besides fixing the file; the executable turns it into words and flag names.
public enum ImportRemedy: Sendable, Equatable {
    /// A stored row differs: the import run again with `--update` replaces it.
    case update
    /// A participant's stored attributes differ: `--update` replaces them.
    case updateAttributes
    /// A stored statement differs: `--update` replaces it, or the row gets a new id.
    case updateOrNewID
    /// The participant is not in the study: import the participants (from `file`, when known) first.
    case importParticipants(file: String?)

    /// Whether running the import again with `--update` resolves it.
    public var isUpdate: Bool {
        switch self {
        case .update, .updateAttributes, .updateOrNewID: true
        case .importParticipants: false
        }
    }
}

/// Collects problems while a file is read; stops keeping them after a limit but keeps counting.
public struct ProblemList: Sendable {
    public private(set) var problems: [ImportProblem] = []
    public private(set) var more = 0
    public let file: String
    let limit: Int

    public init(file: String, limit: Int = ImportFailure.shown) {
        self.file = file
        self.limit = limit
    }

    public var isEmpty: Bool { problems.isEmpty }

    /// Every problem added, kept or only counted.
    public var count: Int { problems.count + more }

    public mutating func add(line: Int, column: Int, _ message: String, remedy: ImportRemedy? = nil) {
        if problems.count < limit {
            problems.append(ImportProblem(file: file, line: line, column: column, message: message, remedy: remedy))
        } else {
            more += 1
        }
    }

    /// Adds a problem found in another file than this list's (a source that reads several files).
    public mutating func add(file: String, line: Int, column: Int, _ message: String, remedy: ImportRemedy? = nil) {
        if problems.count < limit {
            problems.append(ImportProblem(file: file, line: line, column: column, message: message, remedy: remedy))
        } else {
            more += 1
        }
    }

    /// Throws the collected problems, if any.
    public func throwIfAny() throws(ImportFailure) {
        if !problems.isEmpty { throw ImportFailure(problems: problems, more: more) }
    }
}
