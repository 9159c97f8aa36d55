import ViewpointsCore

/// How `import codings` and `import adjudications` behave.
public typealias CodingImportOptions = ImportMode

/// What `import codings` did.
public struct CodingImportResult: Sendable {
    public var summary: ImportSummary
    /// Coders the file named that did not exist before (created by the import).
    public var newCoders: [String] = []
}

extension Store {
    /// Imports codings `statement,coder,code,stance[,note]` in one transaction: every row or none. Coders the file
    /// names are created; every review and coding written is an event.
    public func importCodings(file input: InputFile, study: Study, options: CodingImportOptions) throws
        -> CodingImportResult
    {
        let file = try CodingsFile.read(input)
        return try importTransaction(dryRun: options.dryRun, doing: "importing codings") {
            try storeCodings(file, study: study, options: options)
        }
    }

    /// The codings import inside a transaction the caller holds (`import codings`, `import project`).
    func storeCodings(_ file: CodingsFile, study: Study, options: CodingImportOptions) throws -> CodingImportResult {
        let path = file.path
        var result = CodingImportResult(summary: ImportSummary(kind: "codings", options: options))
        let notes = String(file.hasNote)
        try stage(
            file.rows, study: study, create: CodingImportQueries.createStage, copy: CodingImportQueries.copyStage,
            doing: "sending codings"
        ) {
            [
                String($0.line), $0.statement, $0.coder, $0.code, $0.stance.map { String($0.value) }, $0.note,
                String($0.statementColumn), String($0.codeColumn),
            ]
        }
        var problems = ProblemList(file: path)
        try addUnmatched(
            statements: CodingImportQueries.unknownStatements, codes: CodingImportQueries.unknownCodes,
            study: study, themeAdvice: "apply one of its propositions",
            unknownCodeAdvice: "import the codebook first, or fix the key", to: &problems)
        try problems.throwIfAny()
        result.newCoders = try connection.query(
            CodingImportQueries.createCoders, [study.id], doing: "adding coders"
        ).column(0, as: String.self).sorted()
        try connection.query(CodingImportQueries.resolve, [study.id], doing: "matching codings")
        try ImportCounts(
            connection.query(CodingImportQueries.classify, [study.id, notes], doing: "classifying codings")
        ).fill(&result.summary)
        if result.summary.changed > 0 && !options.update {
            try refuseChangedCodings(notes: notes, problems: &problems)
        }
        try connection.query(CodingImportQueries.insertReviews, [study.id], doing: "recording reviews")
        try connection.query(CodingImportQueries.reviewEvents, [study.id], doing: "recording review events")
        try connection.query(CodingImportQueries.insertCodings, [study.id], doing: "storing codings")
        try connection.query(CodingImportQueries.applyEvents, [study.id], doing: "recording coding events")
        if options.update {
            try connection.query(CodingImportQueries.updateCodings, [study.id, notes], doing: "updating codings")
            try connection.query(CodingImportQueries.changeEvents, [study.id, notes], doing: "recording changes")
        }
        return result
    }

    /// Refuses the staged codings that differ from stored ones, each at its line (without `--update`).
    func refuseChangedCodings(notes: String, problems: inout ProblemList) throws {
        for row in try connection.query(CodingImportQueries.changedLines, [notes], doing: "listing changed codings")
            .rows
        {
            let (line, coder, statement, code) = try row.decode((Int, String, String, String).self)
            problems.add(
                line: line, column: 1,
                "\(coder)'s coding of \(statement) with \(code) differs from the stored one "
                    + "(\(try row.decode(6, as: String.self)))", remedy: .update)
        }
        try problems.throwIfAny()
    }
}
