import ViewpointsCore

/// How `import codings` and `import adjudications` behave.
public struct CodingImportOptions: Sendable {
    public var update = false
    public var dryRun = false
    public init() {}
}

/// What `import codings` did.
public struct CodingImportResult: Sendable {
    public var summary: ImportSummary
    /// Coders the file named that did not exist before (created by the import).
    public var newCoders: [String] = []
}

extension Store {
    /// Imports codings `statement,coder,code,stance[,note]` in one transaction: every row or none. Coders the file
    /// names are created; every review and coding written is an event.
    public func importCodings(path: String, study: Study, options: CodingImportOptions) throws -> CodingImportResult {
        let file = try CodingsFile.read(path: path)
        var result = CodingImportResult(summary: ImportSummary(kind: "codings"))
        result.summary.dryRun = options.dryRun
        result.summary.updated = options.update
        let notes = String(file.hasNote)
        try importTransaction(dryRun: options.dryRun, doing: "importing codings") {
            try connection.query(StudyQueries.lockForImport, [study.id], doing: "locking the study")
            try connection.execute(CodingImportQueries.createStage, doing: "preparing the import")
            try connection.copyIn(CodingImportQueries.copyStage, doing: "sending codings") {
                (writer: inout CopyWriter) throws(StoreError) in
                for row in file.rows {
                    try writer.row([
                        String(row.line), row.statement, row.coder, row.code, row.stance.map { String($0.value) },
                        row.note, String(row.statementColumn), String(row.codeColumn),
                    ])
                }
            }
            var problems = ProblemList(file: path)
            for row in try connection.query(
                CodingImportQueries.unknownStatements, [study.id], doing: "matching statements"
            ).rows {
                problems.add(
                    line: Int(row[0]!)!, column: Int(row[1]!)!,
                    "'statement' \(row[2]!) is not a statement of study \(study.slug); give the id it was imported "
                        + "with, or PSEUDONYM:SEQ")
            }
            for row in try connection.query(CodingImportQueries.unknownCodes, [study.id], doing: "matching codes").rows
            {
                problems.add(
                    line: Int(row[0]!)!, column: Int(row[1]!)!,
                    row[3] == "t"
                        ? "'code' \(row[2]!) is a theme; apply one of its propositions"
                        : "'code' \(row[2]!) is not in the codebook of study \(study.slug); import the codebook "
                            + "first, or fix the key")
            }
            try problems.throwIfAny()
            result.newCoders = try connection.query(
                CodingImportQueries.createCoders, [study.id], doing: "adding coders"
            ).rows.map { $0[0]! }.sorted()
            try connection.query(CodingImportQueries.resolve, [study.id], doing: "matching codings")
            let counts = try connection.query(
                CodingImportQueries.classify, [study.id, notes], doing: "classifying codings"
            ).rows[0]
            result.summary.new = Int(counts[0]!)!
            result.summary.unchanged = Int(counts[1]!)!
            result.summary.changed = Int(counts[2]!)!
            result.summary.notInFile = Int(counts[3]!)!
            if result.summary.changed > 0 && !options.update {
                for row in try connection.query(
                    CodingImportQueries.changedLines, [notes], doing: "listing changed codings"
                ).rows {
                    problems.add(
                        line: Int(row[0]!)!, column: 1,
                        "\(row[1]!)'s coding of \(row[2]!) with \(row[3]!) differs from the stored one (\(row[6]!)); "
                            + "pass --update to replace it")
                }
                try problems.throwIfAny()
            }
            try connection.query(CodingImportQueries.insertReviews, [study.id], doing: "recording reviews")
            try connection.query(CodingImportQueries.reviewEvents, [study.id], doing: "recording review events")
            try connection.query(CodingImportQueries.insertCodings, [study.id], doing: "storing codings")
            try connection.query(CodingImportQueries.applyEvents, [study.id], doing: "recording coding events")
            if options.update {
                try connection.query(CodingImportQueries.updateCodings, [study.id, notes], doing: "updating codings")
                try connection.query(CodingImportQueries.changeEvents, [study.id, notes], doing: "recording changes")
            }
        }
        return result
    }
}
