/// A codings CSV `statement,coder,code,stance[,note]`: one coder's decision per row. An empty `code`
/// records a review with nothing applied (then `stance` and `note` must be empty too).
public struct CodingsFile: Sendable {
    /// One row as read, checked for shape; statement, coder and code are matched by the store.
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var statement: String
        public var coder: String
        /// nil for a review with nothing applied.
        public var code: String?
        public var stance: Stance?
        public var note: String?
        /// 1-based columns of the statement, coder and code fields, for messages.
        public var statementColumn: Int
        public var coderColumn: Int
        public var codeColumn: Int
    }

    public var path: String
    public var rows: [Row]
    /// Whether the file has a `note` column (without one, stored notes are left as they are).
    public var hasNote = false

    /// Rows read elsewhere (a REFI-QDA project's codings), checked by the store as a file's are.
    public init(path: String, rows: [Row], hasNote: Bool = false) {
        (self.path, self.rows, self.hasNote) = (path, rows, hasNote)
    }

    static let shape = FileShape(
        required: ["statement", "coder", "code", "stance"], allowed: ["statement", "coder", "code", "stance", "note"],
        header: "statement,coder,code,stance,note", missing: "a codings file has statement,coder,code,stance[,note]",
        unknown: "a codings file has the columns statement, coder, code, stance, note")

    /// Reads and checks the file; every problem is collected and thrown together.
    public static func read(_ file: InputFile) throws -> CodingsFile {
        var input = try ImportFileReader(file, shape)
        let header = input.header
        let columns = Columns(
            statement: header.index("statement")!, coder: header.index("coder")!, code: header.index("code")!,
            stance: header.index("stance")!, note: header.index("note"))
        var rows: [Row] = []
        var seen: [String: Int] = [:]
        while let (record, fields) = try input.next() {
            guard let row = columns.row(record: record, fields: fields, problems: &input.problems) else { continue }
            let identity = "\(row.statement)\u{0}\(row.coder)\u{0}\(row.code ?? "")"
            if let earlier = seen[identity] {
                input.problems.add(
                    line: row.line, column: row.codeColumn,
                    row.code.map {
                        "\(row.coder)'s coding of \(row.statement) with \($0) is already on line \(earlier); keep one"
                    } ?? "\(row.coder)'s review of \(row.statement) is already on line \(earlier); keep one")
                continue
            }
            seen[identity] = row.line
            rows.append(row)
        }
        try input.problems.throwIfAny()
        return CodingsFile(path: file.name, rows: rows, hasNote: columns.note != nil)
    }

    /// Where each field is in a record.
    struct Columns {
        var statement, coder, code, stance: Int
        var note: Int?

        /// One record as a coding or review, or nil with every problem of its fields listed.
        func row(record: CSVRecord, fields: [String], problems: inout ProblemList) -> Row? {
            let stanceText = fields[stance].trimmingCharacters(in: .whitespaces)
            let noteText = note.map { fields[$0].trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
            let code = fields[self.code].trimmingCharacters(in: .whitespaces)
            let row = Row(
                line: record.line, statement: fields[statement].trimmingCharacters(in: .whitespaces),
                coder: fields[coder].trimmingCharacters(in: .whitespaces), code: code.isEmpty ? nil : code,
                stance: Stance(file: stanceText), note: noteText.isEmpty ? nil : noteText,
                statementColumn: record.columns[statement], coderColumn: record.columns[coder],
                codeColumn: record.columns[self.code])
            let before = problems.count
            if row.statement.isEmpty {
                problems.add(line: row.line, column: row.statementColumn, "'statement' is empty; give its reference")
            }
            if !Slug.isValidCoderName(row.coder) {
                problems.add(
                    line: row.line, column: row.coderColumn,
                    "'coder' \"\(row.coder)\" is not a valid coder name; use letters, digits, '.', '_' and '-' "
                        + "(e.g. coder-a), at most 64 characters")
            }
            let stanceColumn = record.columns[stance]
            if code.isEmpty {
                if !stanceText.isEmpty || !noteText.isEmpty {
                    problems.add(
                        line: row.line, column: stanceColumn,
                        "'code' is empty (a review with nothing applied) but 'stance' or 'note' is not; "
                            + "give the code, or leave stance and note empty")
                }
            } else if !Slug.isValidCodeKey(code) {
                problems.add(
                    line: row.line, column: row.codeColumn,
                    "'code' \"\(code)\" is not a code key; use the codebook's key (e.g. relations.lowest-since-9-11)")
            } else if row.stance == nil {
                problems.add(
                    line: row.line, column: stanceColumn,
                    stanceText.isEmpty
                        ? "'stance' is empty; give an integer from -2 to 2 (0 for neutral)"
                        : "'stance' \"\(stanceText)\" is not an integer from -2 to 2 (+1 and +2 accepted)")
            }
            return problems.count == before ? row : nil
        }
    }
}
