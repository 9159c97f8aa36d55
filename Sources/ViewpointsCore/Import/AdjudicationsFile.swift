/// An adjudications CSV `statement,code,stance`: the lead's decision per statement and code; an empty
/// `stance` means absent (the code does not apply).
public struct AdjudicationsFile: Sendable {
    /// One decision as read.
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var statement: String
        public var code: String
        /// nil: absent.
        public var stance: Stance?
        public var statementColumn: Int
        public var codeColumn: Int
    }

    public var path: String
    public var rows: [Row]

    /// Rows read elsewhere (a REFI-QDA project's adjudications), checked by the store as a file's are.
    public init(path: String, rows: [Row]) {
        (self.path, self.rows) = (path, rows)
    }

    static let shape = FileShape(
        required: ["statement", "code", "stance"], allowed: ["statement", "code", "stance"],
        header: "statement,code,stance", missing: "an adjudications file has statement,code,stance",
        unknown: "an adjudications file has the columns statement, code, stance")

    /// Reads and checks the file; every problem is collected and thrown together.
    public static func read(_ file: InputFile) throws -> AdjudicationsFile {
        var input = try ImportFileReader(file, shape)
        let statementIndex = input.header.index("statement")!
        let codeIndex = input.header.index("code")!
        let stanceIndex = input.header.index("stance")!
        var rows: [Row] = []
        var seen: [String: Int] = [:]
        while let (record, fields) = try input.next() {
            let statement = fields[statementIndex].trimmingCharacters(in: .whitespaces)
            let code = fields[codeIndex].trimmingCharacters(in: .whitespaces)
            let stanceText = fields[stanceIndex].trimmingCharacters(in: .whitespaces)
            let stance = Stance(file: stanceText)
            if statement.isEmpty {
                input.problems.add(
                    line: record.line, column: record.columns[statementIndex],
                    "'statement' is empty; give its reference")
                continue
            }
            if !Slug.isValidCodeKey(code) {
                input.problems.add(
                    line: record.line, column: record.columns[codeIndex],
                    "'code' \"\(code)\" is not a code key; use the codebook's key (e.g. relations.lowest-since-9-11)")
                continue
            }
            if !stanceText.isEmpty && stance == nil {
                input.problems.add(
                    line: record.line, column: record.columns[stanceIndex],
                    "'stance' \"\(stanceText)\" is not an integer from -2 to 2; leave it empty for absent")
                continue
            }
            if let earlier = seen[statement + "\u{0}" + code] {
                input.problems.add(
                    line: record.line, column: record.columns[codeIndex],
                    "the decision on \(statement) and \(code) is already on line \(earlier); keep one")
                continue
            }
            seen[statement + "\u{0}" + code] = record.line
            rows.append(
                Row(
                    line: record.line, statement: statement, code: code, stance: stance,
                    statementColumn: record.columns[statementIndex], codeColumn: record.columns[codeIndex]))
        }
        try input.problems.throwIfAny()
        return AdjudicationsFile(path: file.name, rows: rows)
    }
}
