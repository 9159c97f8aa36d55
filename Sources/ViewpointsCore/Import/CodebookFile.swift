/// A codebook CSV `key,label,description,parent`: themes (no parent) and propositions under them.
public struct CodebookFile: Sendable {
    /// One code as read.
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var key: String
        public var label: String
        public var description: String
        public var parent: String?
        /// 1-based character column of the key and parent fields, for messages.
        public var keyColumn: Int
        public var parentColumn: Int
    }

    public var path: String
    /// Rows in file order.
    public var rows: [Row]

    static let shape = FileShape(
        required: ["key", "label"], allowed: ["key", "label", "description", "parent"],
        header: "key,label,description,parent", missing: "codebooks need key,label,description,parent",
        unknown: "a codebook has the columns key, label, description, parent")

    /// Reads and checks a codebook; `knownThemes` are theme keys already stored.
    public static func read(_ file: InputFile, knownThemes: Set<String> = []) throws -> CodebookFile {
        var input = try ImportFileReader(file, shape)
        let rows = try readRows(&input)
        let header = input.header
        var problems = input.problems
        if header.index("parent") == nil, let proposition = rows.first(where: { $0.key.contains(".") }) {
            problems.add(
                line: header.line, column: 1,
                "the header has no 'parent' column, but \(proposition.key) (line \(proposition.line)) is a "
                    + "proposition; add a column 'parent' giving each proposition's theme "
                    + "(key,label,description,parent)")
            try problems.throwIfAny()
        }
        let themesInFile = Set(rows.filter { $0.parent == nil }.map(\.key))
        for row in rows {
            checkParent(of: row, themes: themesInFile.union(knownThemes), problems: &problems)
        }
        try problems.throwIfAny()
        return CodebookFile(path: file.name, rows: rows)
    }

    /// Every row with a valid, new key (a label is checked too, but its row is kept).
    static func readRows(_ input: inout ImportFileReader) throws -> [Row] {
        let keyIndex = input.header.index("key")!
        let labelIndex = input.header.index("label")!
        let descriptionIndex = input.header.index("description")
        let parentIndex = input.header.index("parent")
        var rows: [Row] = []
        var seen: [String: Int] = [:]
        while let (record, fields) = try input.next() {
            let key = fields[keyIndex].trimmingCharacters(in: .whitespaces)
            let label = fields[labelIndex].trimmingCharacters(in: .whitespacesAndNewlines)
            let parent = parentIndex.map { fields[$0].trimmingCharacters(in: .whitespaces) }.flatMap {
                $0.isEmpty ? nil : $0
            }
            let row = Row(
                line: record.line, key: key, label: label,
                description: descriptionIndex.map { fields[$0].trimmingCharacters(in: .whitespacesAndNewlines) } ?? "",
                parent: parent, keyColumn: record.columns[keyIndex],
                parentColumn: parentIndex.map { record.columns[$0] } ?? 1)
            if !Slug.isValidCodeKey(key) {
                let example = Slug.suggestedCodeKey(key).map { "write \($0)" } ?? "e.g. relations.lowest-since-9-11"
                input.problems.add(
                    line: row.line, column: row.keyColumn,
                    "'key' \"\(key)\" is not a valid code key; use lower-case words joined by hyphens, "
                        + "and theme.proposition for a proposition (\(example))")
                continue
            }
            if let earlier = seen[key] {
                input.problems.add(
                    line: row.line, column: row.keyColumn,
                    "'key' \(key) is already defined on line \(earlier); keys must be unique")
                continue
            }
            seen[key] = row.line
            if label.isEmpty {
                input.problems.add(
                    line: row.line, column: record.columns[labelIndex], "'label' is empty; give the code a short label")
            }
            rows.append(row)
        }
        return rows
    }

    /// A theme has no parent and no dot; a proposition `theme.name` has its theme (in the file or stored) as parent.
    static func checkParent(of row: Row, themes: Set<String>, problems: inout ProblemList) {
        switch (row.parent, row.key.contains(".")) {
        case (nil, true):
            problems.add(
                line: row.line, column: row.parentColumn,
                "'parent' is empty but \(row.key) has a dot, so it is a proposition; give its theme "
                    + "(\(row.key.split(separator: ".")[0])) as parent")
        case (let parent?, false):
            problems.add(
                line: row.line, column: row.parentColumn,
                "'parent' is \(parent) but \(row.key) has no dot; a proposition's key is theme.proposition "
                    + "(e.g. \(parent).\(row.key)), and a theme has no parent")
        case (let parent?, true):
            if parent.contains(".") || !themes.contains(parent) {
                problems.add(
                    line: row.line, column: row.parentColumn,
                    "'parent' \(parent) is not a theme of this codebook; add the theme as a row without parent")
            } else if !row.key.hasPrefix(parent + ".") {
                problems.add(
                    line: row.line, column: row.keyColumn,
                    "'key' \(row.key) must start with its theme and a dot (\(parent).…)")
            }
        case (nil, false): break
        }
    }
}
