/// A participants CSV: identifying columns (used for matching and redaction, never stored) and attributes.
public struct ParticipantsFile: Sendable {
    /// One participant row.
    public struct Row: Sendable {
        public var line: Int
        /// The source identifier (the `participant` column) as written.
        public var identifier: String
        /// Every non-empty identifying value (participant, name, e-mail, phone …).
        public var identifyingValues: [String]
        /// The `name` column (or the first other name column), when there is one.
        public var name: String?
        /// The values of every name column (`name`, `first name`, `surname` …) in file order.
        public var names: [String] = []
        /// Attributes in file order (empty values left out).
        public var attributes: [(key: String, value: String)]
    }

    /// Columns that are always identifying (compared by `IdentifyingColumns.key`).
    public static let defaultIdentifying = ["participant", "name", "email", "phone"]

    public var path: String
    public var rows: [Row]
    public var attributeNames: [String]

    /// Reads and checks a participants file; throws `ImportFailure` listing every problem, or `CSVError`.
    ///
    /// `identifying` adds to `defaultIdentifying`; `keepAttributes` names columns to store as attributes although
    /// they look identifying. Any other column that looks identifying, by its header (`IdentifyingColumns`) or by
    /// its values (an e-mail address, phone number or URL, the row's own name, or another participant's whole
    /// name), is refused at its header cell with the flags that decide it.
    public static func read(
        _ file: InputFile, identifying: [String] = defaultIdentifying, keepAttributes: [String] = []
    ) throws -> ParticipantsFile {
        try read(CSVReader(file: file), path: file.name, identifying: identifying, keepAttributes: keepAttributes)
    }

    /// Reads and checks participants given as CSV bytes (a REFI-QDA project's Cases and Variables), as `read(_:)`.
    public static func read(
        bytes: [UInt8], path: String, identifying: [String] = defaultIdentifying, keepAttributes: [String] = []
    ) throws -> ParticipantsFile {
        try read(CSVReader(bytes: bytes), path: path, identifying: identifying, keepAttributes: keepAttributes)
    }

    static func read(
        _ reader: CSVReader, path: String, identifying: [String], keepAttributes: [String]
    ) throws -> ParticipantsFile {
        var reader = reader
        var problems = ProblemList(file: path)
        guard let first = try reader.next() else {
            problems.add(line: 1, column: 1, "the file is empty; it needs a header with a 'participant' column")
            try problems.throwIfAny()
            return ParticipantsFile(path: path, rows: [], attributeNames: [])
        }
        let header = CSVHeader(record: first, problems: &problems)
        guard
            let columns = Columns(
                header: header, identifying: identifying, keepAttributes: keepAttributes, problems: &problems)
        else {
            try problems.throwIfAny()
            return ParticipantsFile(path: path, rows: [], attributeNames: [])
        }
        var rows: [Row] = []
        var seen: [String: Int] = [:]
        while let record = try reader.next() {
            guard let fields = header.fields(of: record, problems: &problems),
                let row = columns.row(record: record, fields: fields, seen: &seen, problems: &problems)
            else { continue }
            rows.append(row)
        }
        checkAttributeValues(rows: rows, header: header, columns: columns.undecided, problems: &problems)
        try problems.throwIfAny()
        return ParticipantsFile(
            path: path, rows: rows, attributeNames: columns.attributes.map { header.names[$0] })
    }

    /// What each column of a participants file is: the identifier, identifying (names among them), or an
    /// attribute, and which attributes only their values can still show to be identifying.
    struct Columns {
        var identifier: Int
        var isIdentifying: [Bool]
        var names: [Int]
        var name: Int?
        var attributes: [Int]
        /// The header's names, by column.
        var headerNames: [String]
        /// Attribute columns whose header says nothing: their values are checked (`checkAttributeValues`).
        var undecided: [Int] = []

        /// Reads the header; nil (with the problem listed) when it has no `participant` column. A column whose
        /// header looks identifying and that is neither declared nor kept is listed as a problem.
        init?(header: CSVHeader, identifying: [String], keepAttributes: [String], problems: inout ProblemList) {
            let keys = header.names.map(IdentifyingColumns.key)
            guard let idColumn = keys.firstIndex(of: "participant") else {
                problems.add(
                    line: header.line, column: 1,
                    "the header has no 'participant' column; add one holding each person's source identifier "
                        + "(name, e-mail or staff id), which is used for matching and never stored")
                return nil
            }
            let kept = Set(keepAttributes.map(IdentifyingColumns.key))
            let declared = Set((defaultIdentifying + identifying).map(IdentifyingColumns.key)).subtracting(kept)
                .union(["participant"])
            let isIdentifying = keys.map { declared.contains($0) }
            identifier = idColumn
            headerNames = header.names
            self.isIdentifying = isIdentifying
            names = keys.indices.filter {
                isIdentifying[$0] && $0 != idColumn && IdentifyingColumns.kind(ofHeader: header.names[$0]) == .name
            }
            name = keys.firstIndex(of: "name").flatMap { isIdentifying[$0] ? $0 : nil } ?? names.first
            attributes = keys.indices.filter { !isIdentifying[$0] }
            for i in attributes where !kept.contains(keys[i]) {
                guard let kind = IdentifyingColumns.kind(ofHeader: header.names[i]) else {
                    undecided.append(i)
                    continue
                }
                problems.add(
                    line: header.line, column: header.columns[i],
                    "column '\(header.names[i])' looks identifying (its header suggests \(kind.rawValue)); "
                        + ParticipantsFile.advice(header.names[i]))
            }
        }

        /// One record as a participant, or nil with the problem listed (an empty or repeated identifier).
        func row(record: CSVRecord, fields: [String], seen: inout [String: Int], problems: inout ProblemList)
            -> Row?
        {
            let identifier = fields[self.identifier].trimmingCharacters(in: .whitespacesAndNewlines)
            if identifier.isEmpty {
                problems.add(
                    line: record.line, column: record.columns[self.identifier],
                    "'participant' is empty; every row needs the person's source identifier")
                return nil
            }
            let normalized = IdentifierNormalizer.normalize(identifier)
            if let earlier = seen[normalized] {
                problems.add(
                    line: record.line, column: record.columns[self.identifier],
                    "'participant' is the same person as on line \(earlier) (identifiers are compared ignoring case "
                        + "and extra spaces); remove the duplicate row")
                return nil
            }
            seen[normalized] = record.line
            let trimmed = fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            let values = fields.indices.filter { isIdentifying[$0] && !trimmed[$0].isEmpty }.map { trimmed[$0] }
            let name = self.name.map { trimmed[$0] }
            return Row(
                line: record.line, identifier: identifier, identifyingValues: values,
                name: name?.isEmpty == false ? name : nil, names: names.map { trimmed[$0] }.filter { !$0.isEmpty },
                attributes: attributes.filter { !trimmed[$0].isEmpty }.map { (headerNames[$0], trimmed[$0]) })
        }
    }

    static func advice(_ column: String) -> String {
        let quoted = column.contains(where: { $0 == " " || $0 == "," || $0 == "'" }) ? "\"\(column)\"" : column
        return "pass --identifying \(quoted) to use it for matching and redaction without storing it, or "
            + "--keep-attribute \(quoted) to store it as an attribute"
    }

    /// Refuses attribute columns whose values identify: an e-mail address, a phone number or a URL, the row's own
    /// name (also run together or transliterated, as the redactor finds it), or another participant's whole name.
    static func checkAttributeValues(rows: [Row], header: CSVHeader, columns: [Int], problems: inout ProblemList) {
        guard !columns.isEmpty, !rows.isEmpty else { return }
        let redactor = Redactor(
            participants: rows.map { $0.redactionParticipant(pseudonym: "R\($0.line)") }, terms: [])
        for column in columns {
            let name = header.names[column]
            for row in rows {
                guard let value = row.attributes.first(where: { $0.key == name })?.value else { continue }
                var reason = IdentifyingColumns.contactKind(of: value, redactor: redactor)
                if reason == nil {
                    for redaction in redactor.redact(value).redactions
                    where redaction.kind == .participant || redaction.kind == .sharedName {
                        let whole = redaction.original.count == value.count
                        if redaction.replacement == "[R\(row.line)]" {
                            reason = "this participant's name or identifier"
                        } else if whole {
                            reason = "another participant's name"
                        }
                        if reason != nil { break }
                    }
                }
                if let reason {
                    problems.add(
                        line: header.line, column: header.columns[column],
                        "column '\(name)' looks identifying (line \(row.line) holds \(reason)); \(advice(name))")
                    break
                }
            }
        }
    }
}

extension ParticipantsFile.Row {
    /// The redactor's view of this participant under a pseudonym.
    ///
    /// Name parts come from the name columns; without one, from a participant identifier that looks like a name
    /// (letters and spaces, no `@`).
    public func redactionParticipant(pseudonym: String, withdrawn: Bool = false) -> RedactionParticipant {
        var source = names
        if source.isEmpty, let name { source = [name] }
        if source.isEmpty, !identifier.contains("@"), identifier.contains(" "), identifier.contains(where: \.isLetter) {
            source = [identifier]
        }
        let parts = source.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) }
        return RedactionParticipant(
            pseudonym: pseudonym, identifyingValues: identifyingValues, nameParts: parts, withdrawn: withdrawn)
    }
}
