/// One CSV record with the positions of its fields in the source file.
public struct CSVRecord: Sendable, Equatable {
    /// The field values, with quotes removed and doubled quotes undoubled.
    public var fields: [String]
    /// The 1-based physical line where the record starts.
    public var line: Int
    /// The 1-based column (in Unicode scalars) where each field starts, on the line where that field starts.
    public var columns: [Int]
    /// The 1-based physical line where each field starts.
    public var fieldLines: [Int]

    /// Creates a record from its fields and their positions.
    public init(fields: [String], line: Int, columns: [Int], fieldLines: [Int]) {
        self.fields = fields
        self.line = line
        self.columns = columns
        self.fieldLines = fieldLines
    }
}
