/// A participants CSV: identifying columns (used for matching and redaction, never stored) and attributes.
public struct ParticipantsFile: Sendable {
    /// One participant row.
    public struct Row: Sendable {
        public var line: Int
        /// The source identifier (the `participant` column) as written.
        public var identifier: String
        /// Every non-empty identifying value (participant, name, e-mail, phone …).
        public var identifyingValues: [String]
        /// The `name` column, when there is one.
        public var name: String?
        /// Attributes in file order (empty values left out).
        public var attributes: [(key: String, value: String)]
    }

    public static let defaultIdentifying = ["participant", "name", "email", "phone"]

    public var path: String
    public var rows: [Row]
    public var attributeNames: [String]

    /// Reads and checks a participants file; throws `ImportFailure` listing every problem, or `CSVError`.
    public static func read(path: String, identifying: [String] = defaultIdentifying) throws -> ParticipantsFile {
        var reader = try CSVReader(path: path)
        var problems = ProblemList(file: path)
        guard let first = try reader.next() else {
            problems.add(line: 1, column: 1, "the file is empty; it needs a header with a 'participant' column")
            try problems.throwIfAny()
            return ParticipantsFile(path: path, rows: [], attributeNames: [])
        }
        let header = CSVHeader(record: first, problems: &problems)
        guard let idColumn = header.index("participant") else {
            problems.add(
                line: header.line, column: 1,
                "the header has no 'participant' column; add one holding each person's source identifier "
                    + "(name, e-mail or staff id), which is used for matching and never stored")
            try problems.throwIfAny()
            return ParticipantsFile(path: path, rows: [], attributeNames: [])
        }
        let identifyingSet = Set(identifying + ["participant"])
        let nameColumn = header.index("name")
        let attributeColumns = header.names.indices.filter { !identifyingSet.contains(header.names[$0]) }
        var rows: [Row] = []
        var seen: [String: Int] = [:]
        while let record = try reader.next() {
            guard let fields = header.fields(of: record, problems: &problems) else { continue }
            let identifier = fields[idColumn].trimmingCharacters(in: .whitespacesAndNewlines)
            if identifier.isEmpty {
                problems.add(
                    line: record.line, column: record.columns[idColumn],
                    "'participant' is empty; every row needs the person's source identifier")
                continue
            }
            let normalized = IdentifierNormalizer.normalize(identifier)
            if let earlier = seen[normalized] {
                problems.add(
                    line: record.line, column: record.columns[idColumn],
                    "'participant' is the same person as on line \(earlier) (identifiers are compared ignoring case "
                        + "and extra spaces); remove the duplicate row")
                continue
            }
            seen[normalized] = record.line
            var values: [String] = []
            for (i, name) in header.names.enumerated() where identifyingSet.contains(name) {
                let value = fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
                if !value.isEmpty { values.append(value) }
            }
            let name = nameColumn.map { fields[$0].trimmingCharacters(in: .whitespacesAndNewlines) }
            var attributes: [(key: String, value: String)] = []
            for i in attributeColumns {
                let value = fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
                if !value.isEmpty { attributes.append((header.names[i], value)) }
            }
            rows.append(
                Row(
                    line: record.line, identifier: identifier, identifyingValues: values,
                    name: name?.isEmpty == false ? name : nil, attributes: attributes))
        }
        try problems.throwIfAny()
        return ParticipantsFile(path: path, rows: rows, attributeNames: attributeColumns.map { header.names[$0] })
    }
}

extension ParticipantsFile.Row {
    /// The redactor's view of this participant under a pseudonym.
    public func redactionParticipant(pseudonym: String) -> RedactionParticipant {
        var parts: [String] = []
        if let name { parts = name.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) }
        return RedactionParticipant(pseudonym: pseudonym, identifyingValues: identifyingValues, nameParts: parts)
    }
}
