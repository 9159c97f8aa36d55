/// A streaming RFC 4180 CSV reader that keeps memory constant and reports exact error positions.
///
/// Copies of a reader share one position; use each reader from one place only.
public struct CSVReader {
    private let engine: CSVReaderEngine
    /// Kept open while this reader reads from it.
    private var file: InputFile?

    /// The file's name, or `<input>` for in-memory data.
    public var displayName: String { engine.displayName }

    /// Reads a file the caller opened, from its start; errors name it by `file.name`.
    public init(file: InputFile) {
        self.init(file: file, chunkSize: CSVReaderEngine.defaultChunkSize)
    }

    /// Reads a file with a given read size (small sizes are for tests).
    init(file: InputFile, chunkSize: Int) {
        engine = CSVReaderEngine(
            displayName: file.name, descriptor: file.fromStart(), memory: [], chunkSize: chunkSize)
        self.file = file
    }

    /// Reads CSV from bytes in memory.
    public init(bytes: [UInt8]) {
        self.init(bytes: bytes, chunkSize: CSVReaderEngine.defaultChunkSize)
    }

    /// Reads CSV from bytes in memory, copying them in pieces of a given size (small sizes are for tests).
    init(bytes: [UInt8], chunkSize: Int) {
        engine = CSVReaderEngine(displayName: "<input>", descriptor: nil, memory: bytes, chunkSize: chunkSize)
    }

    /// Reads CSV from a string.
    public init(string: String) {
        self.init(bytes: Array(string.utf8))
    }

    /// Returns the next record, or nil at the end of the input.
    public mutating func next() throws(CSVError) -> CSVRecord? {
        try engine.next()
    }

    /// Parses the next record without making strings; false at the end of the input.
    ///
    /// Read its fields with `withField(_:_:)`, valid until the next call.
    mutating func advance() throws(CSVError) -> Bool {
        try engine.advance()
    }

    /// The record parsed by `advance()`: its line, field count, and each field's place, text or bytes.
    var current: CSVReaderEngine { engine }

    /// Reads all remaining records.
    public mutating func readAll() throws(CSVError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        while let record = try next() { records.append(record) }
        return records
    }
}
