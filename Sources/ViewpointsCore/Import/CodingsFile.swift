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

    static let shape = FileShape(
        required: ["statement", "coder", "code", "stance"], allowed: ["statement", "coder", "code", "stance", "note"],
        header: "statement,coder,code,stance,note", missing: "a codings file has statement,coder,code,stance[,note]",
        unknown: "a codings file has the columns statement, coder, code, stance, note")

    /// Reads and checks the file; every problem is collected and thrown together.
    public static func read(path: String) throws -> CodingsFile {
        var problems = ProblemList(file: path)
        var (reader, header) = try CSVHeader.open(path: path, shape, problems: &problems)
        let statementIndex = header.index("statement")!
        let coderIndex = header.index("coder")!
        let codeIndex = header.index("code")!
        let stanceIndex = header.index("stance")!
        let noteIndex = header.index("note")
        var rows: [Row] = []
        var seen: [String: Int] = [:]
        while let record = try reader.next() {
            guard let fields = header.fields(of: record, problems: &problems) else { continue }
            let statement = fields[statementIndex].trimmingCharacters(in: .whitespaces)
            let coder = fields[coderIndex].trimmingCharacters(in: .whitespaces)
            let code = fields[codeIndex].trimmingCharacters(in: .whitespaces)
            let stanceText = fields[stanceIndex].trimmingCharacters(in: .whitespaces)
            let note = noteIndex.map { fields[$0].trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
            let row = Row(
                line: record.line, statement: statement, coder: coder, code: code.isEmpty ? nil : code,
                stance: Stance(file: stanceText), note: note.isEmpty ? nil : note,
                statementColumn: record.columns[statementIndex], coderColumn: record.columns[coderIndex],
                codeColumn: record.columns[codeIndex])
            var bad = false
            if statement.isEmpty {
                problems.add(line: row.line, column: row.statementColumn, "'statement' is empty; give its reference")
                bad = true
            }
            if !Slug.isValidCoderName(coder) {
                problems.add(
                    line: row.line, column: row.coderColumn,
                    "'coder' \"\(coder)\" is not a valid coder name; use letters, digits, '.', '_' and '-' "
                        + "(e.g. coder-a), at most 64 characters")
                bad = true
            }
            if code.isEmpty {
                if !stanceText.isEmpty || !note.isEmpty {
                    problems.add(
                        line: row.line, column: record.columns[stanceIndex],
                        "'code' is empty (a review with nothing applied) but 'stance' or 'note' is not; "
                            + "give the code, or leave stance and note empty")
                    bad = true
                }
            } else if !Slug.isValidCodeKey(code) {
                problems.add(
                    line: row.line, column: row.codeColumn,
                    "'code' \"\(code)\" is not a code key; use the codebook's key (e.g. relations.lowest-since-9-11)")
                bad = true
            } else if row.stance == nil {
                problems.add(
                    line: row.line, column: record.columns[stanceIndex],
                    stanceText.isEmpty
                        ? "'stance' is empty; give an integer from -2 to 2 (0 for neutral)"
                        : "'stance' \"\(stanceText)\" is not an integer from -2 to 2 (+1 and +2 accepted)")
                bad = true
            }
            if bad { continue }
            let identity = "\(statement)\u{0}\(coder)\u{0}\(code)"
            if let earlier = seen[identity] {
                problems.add(
                    line: row.line, column: row.codeColumn,
                    code.isEmpty
                        ? "\(coder)'s review of \(statement) is already on line \(earlier); keep one"
                        : "\(coder)'s coding of \(statement) with \(code) is already on line \(earlier); keep one")
                continue
            }
            seen[identity] = row.line
            rows.append(row)
        }
        try problems.throwIfAny()
        return CodingsFile(path: path, rows: rows, hasNote: noteIndex != nil)
    }
}
