/// An error in a file a command reads or writes, with the place where it happened: the one type for "bad input at
/// FILE:LINE:COLUMN", its `Kind` saying what went wrong (`CSVError`, `ReliabilityCSVError`).
public struct FileError<Problem: FileProblem>: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong (`CSVErrorKind`, `ReliabilityCSVErrorKind`).
    public typealias Kind = Problem

    /// What went wrong.
    public var kind: Kind
    /// The file path, or `<input>` for in-memory data.
    public var file: String
    /// The 1-based physical line, or 0 when the error concerns the whole file.
    public var line: Int
    /// The 1-based column in Unicode scalars, or 0 when the error concerns the whole file.
    public var column: Int

    /// Creates an error at a given place.
    public init(kind: Kind, file: String, line: Int, column: Int) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
    }

    /// The message `FILE:LINE:COLUMN: what is wrong; how to fix it`.
    public var description: String {
        let place = line > 0 ? "\(file):\(line):\(column)" : file
        return "\(place): \(kind.message)"
    }
}

/// What went wrong in a file, as the part of a `FileError`'s message after the place.
public protocol FileProblem: Sendable, Equatable {
    /// What is wrong and how to fix it.
    var message: String { get }
}
