import ViewpointsCore

/// How `import codebook` behaves.
public typealias CodebookImportOptions = ImportMode

/// A stored code.
public struct StoredCode: Sendable, Equatable {
    public var id: String
    public var key: String
    public var label: String
    public var description: String
    public var parent: String?
    public var number: Int
    public var position: Int
}

/// What a REFI-QDA codebook import did, and what it let pass.
public struct QDACodebookImportResult: Sendable {
    public var summary: ImportSummary
    /// Each thing read leniently or mapped (namespace spellings, empty sets, deeper levels …), at its line.
    public var warnings: [ImportProblem]
}

extension Store {
    /// The study's codebook in codebook order.
    public func codes(study: Study) throws(StoreError) -> [StoredCode] {
        try connection.query(CodeQueries.all, [study.id], doing: "reading the codebook")
            .decode((String, String, String, String, String?, Int, Int).self).map {
                StoredCode(
                    id: $0.0, key: $0.1, label: $0.2, description: $0.3, parent: $0.4, number: $0.5, position: $0.6)
            }
    }

    /// Imports a codebook CSV in one transaction; codes are matched by key, numbers are never reused.
    public func importCodebook(file input: InputFile, study: Study, options: CodebookImportOptions) throws
        -> ImportSummary
    {
        let themes = Set(try codes(study: study).filter { $0.parent == nil }.map(\.key))
        let file = try CodebookFile.read(input, knownThemes: themes)
        return try importCodebook(file, study: study, options: options)
    }

    /// Imports a REFI-QDA codebook (`.qdc`, or a project's `CodeBook`) given as the file's bytes; `strict` refuses
    /// levels below the second instead of folding them into their proposition.
    public func importQDACodebook(
        bytes: [UInt8], path: String, study: Study, options: CodebookImportOptions, strict: Bool
    ) throws -> QDACodebookImportResult {
        let read = try QDACodebookReader.read(bytes, file: path, strict: strict)
        let summary = try importCodebook(read.codebook, study: study, options: options)
        return QDACodebookImportResult(summary: summary, warnings: read.warnings)
    }

    /// Stores a codebook that was read and checked, in one transaction.
    func importCodebook(_ file: CodebookFile, study: Study, options: CodebookImportOptions) throws -> ImportSummary {
        try importTransaction(dryRun: options.dryRun, doing: "importing the codebook") {
            try storeCodebook(file, study: study, options: options)
        }
    }

    /// The codebook import inside a transaction the caller holds (`import codebook`, `import project`).
    func storeCodebook(_ file: CodebookFile, study: Study, options: CodebookImportOptions) throws -> ImportSummary {
        var summary = ImportSummary(kind: "codebook", options: options)
        try connection.query(StudyQueries.lockForImport, [study.id], doing: "locking the study")
        let stored = Dictionary(try codes(study: study).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let (new, changed) = try compareCodebook(file, stored: stored, options: options, summary: &summary)
        let keys = Set(file.rows.map(\.key))
        summary.new = new.count
        summary.changed = changed.count
        summary.notInFile = stored.keys.filter { !keys.contains($0) }.count
        let positionOf = Dictionary(
            file.rows.enumerated().map { ($1.key, $0 + 1) }, uniquingKeysWith: { a, _ in a })
        try insertCodes(new, file: file, positionOf: positionOf, study: study)
        if options.update {
            for row in changed {
                try connection.query(
                    CodeQueries.update, [study.id, row.key, row.label, row.description, row.parent],
                    doing: "updating code \(row.key) (\(file.path):\(row.line))")
            }
        }
        try orderCodes(stored: stored, positionOf: positionOf, offset: file.rows.count, study: study)
        return summary
    }

    /// The file's new and changed rows; changed ones are refused unless `--update`.
    func compareCodebook(
        _ file: CodebookFile, stored: [String: StoredCode], options: CodebookImportOptions, summary: inout ImportSummary
    ) throws -> (new: [CodebookFile.Row], changed: [CodebookFile.Row]) {
        var problems = ProblemList(file: file.path)
        var new: [CodebookFile.Row] = []
        var changed: [CodebookFile.Row] = []
        for row in file.rows {
            guard let existing = stored[row.key] else {
                new.append(row)
                continue
            }
            var differences: [String] = []
            if existing.label != row.label { differences.append("label") }
            if existing.description != row.description { differences.append("description") }
            if existing.parent != row.parent { differences.append("parent") }
            if differences.isEmpty {
                summary.unchanged += 1
            } else {
                changed.append(row)
                if !options.update {
                    problems.add(
                        line: row.line, column: row.keyColumn,
                        "code \(row.key) differs from the stored one (\(differences.joined(separator: ", ")))",
                        remedy: .update)
                }
            }
        }
        try problems.throwIfAny()
        return (new, changed)
    }

    /// Inserts new codes, themes before their propositions so parents exist when children are inserted.
    func insertCodes(
        _ new: [CodebookFile.Row], file: CodebookFile, positionOf: [String: Int], study: Study
    ) throws {
        var number = try connection.query(CodeQueries.nextNumber, [study.id], doing: "numbering codes").one(Int.self)
        for row in new.filter({ $0.parent == nil }) + new.filter({ $0.parent != nil }) {
            try connection.query(
                CodeQueries.insert,
                [
                    study.id, row.key, row.label, row.description, row.parent, String(number),
                    String(positionOf[row.key]!),
                ],
                doing: "storing code \(row.key) (\(file.path):\(row.line))")
            number += 1
        }
        try connection.query(CodeQueries.setNextNumber, [study.id, String(number)], doing: "numbering codes")
    }

    /// The file's order is the codebook order; codes not in the file keep their place after it.
    func orderCodes(stored: [String: StoredCode], positionOf: [String: Int], offset: Int, study: Study) throws {
        for code in stored.values where positionOf[code.key] == nil {
            try connection.query(
                CodeQueries.setPosition, [study.id, code.key, String(offset + code.position)], doing: "ordering codes")
        }
        for (key, position) in positionOf where stored[key] != nil {
            try connection.query(CodeQueries.setPosition, [study.id, key, String(position)], doing: "ordering codes")
        }
    }
}
