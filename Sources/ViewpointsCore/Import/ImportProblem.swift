/// One thing wrong with an input file, at a place a researcher can open in an editor.
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based physical line where the record starts (the header is line 1).
    public var line: Int
    /// 1-based character column where the field starts.
    public var column: Int
    /// What is wrong and how to fix it, naming the header of the column.
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
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

    public var description: String {
        var lines = problems.prefix(ImportFailure.shown).map(\.description)
        let hidden = problems.count - min(problems.count, ImportFailure.shown) + more
        if hidden > 0 { lines.append("… and \(hidden) more problem\(hidden == 1 ? "" : "s")") }
        lines.append("nothing was imported: fix the file and run the import again")
        return lines.joined(separator: "\n")
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

    public mutating func add(line: Int, column: Int, _ message: String) {
        if problems.count < limit {
            problems.append(ImportProblem(file: file, line: line, column: column, message: message))
        } else {
            more += 1
        }
    }

    /// Throws the collected problems, if any.
    public func throwIfAny() throws(ImportFailure) {
        if !problems.isEmpty { throw ImportFailure(problems: problems, more: more) }
    }
}
