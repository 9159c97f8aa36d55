import ViewpointsCore

extension Store {
    /// Imports a lead's decisions `statement,code,stance` (empty stance: absent) in one transaction.
    public func importAdjudications(file input: InputFile, study: Study, lead: String, options: CodingImportOptions)
        throws
        -> ImportSummary
    {
        let lead = try coder(named: lead, study: study)
        let file = try AdjudicationsFile.read(input)
        return try importTransaction(dryRun: options.dryRun, doing: "importing adjudications") {
            try storeAdjudications(file, lead: lead, study: study, options: options)
        }
    }

    /// The adjudications import inside a transaction the caller holds (`import adjudications`, `import project`).
    func storeAdjudications(_ file: AdjudicationsFile, lead: StoredCoder, study: Study, options: CodingImportOptions)
        throws -> ImportSummary
    {
        let path = file.path
        var summary = ImportSummary(kind: "adjudications", options: options)
        // a project's adjudications come lead by lead, each through a fresh stage
        try connection.execute(AdjudicationQueries.dropStage, doing: "preparing the import")
        try stage(
            file.rows, study: study, create: AdjudicationQueries.createStage,
            copy: AdjudicationQueries.copyStage, doing: "sending adjudications"
        ) {
            [
                String($0.line), $0.statement, $0.code, $0.stance.map { String($0.value) },
                String($0.statementColumn), String($0.codeColumn),
            ]
        }
        var problems = ProblemList(file: path)
        try addUnmatched(
            statements: AdjudicationQueries.unknownStatements, codes: AdjudicationQueries.unknownCodes,
            study: study, themeAdvice: "adjudicate one of its propositions", unknownCodeAdvice: "fix the key",
            to: &problems)
        try problems.throwIfAny()
        try connection.query(AdjudicationQueries.resolve, [study.id], doing: "matching adjudications")
        try ImportCounts(
            connection.query(AdjudicationQueries.classify, [study.id], doing: "classifying adjudications")
        ).fill(&summary)
        if summary.changed > 0 && !options.update {
            for row in try connection.query(AdjudicationQueries.changedLines, doing: "listing changes").rows {
                let (line, statement, code, old, new) = try row.decode((Int, String, String, String, String).self)
                problems.add(
                    line: line, column: 1,
                    "the decision on \(statement) and \(code) differs from the stored one "
                        + "(\(old) → \(new))", remedy: .update)
            }
            try problems.throwIfAny()
        }
        try connection.query(
            AdjudicationQueries.write, [study.id, lead.id, String(options.update)],
            doing: "storing adjudications")
        return summary
    }

    /// Records a lead's decision on one statement and proposition: applied with a stance, or absent (nil).
    public func adjudicate(study: Study, lead: String, statement: String, code: CodeReference, stance: Stance?)
        throws(StoreError) -> CodingChange
    {
        let lead = try coder(named: lead, study: study)
        let statement = try self.statement(reference: statement, study: study)
        let code = try proposition(code, study: study)
        return try connection.transaction(doing: "adjudicating \(statement.reference)") { () throws(StoreError) in
            let current = try connection.query(
                AdjudicationQueries.current, [study.id, statement.id, code.id], doing: "reading the adjudication"
            ).rows.first
            let (applied, old) = try current?.decode((Bool, Stance?).self) ?? (nil, nil)
            let seq = try connection.query(
                CodingQueries.insertEvent,
                [
                    study.id, lead.id, statement.id, code.id, "adjudicate",
                    applied.map { String($0) },
                    old.map { String($0.value) }, String(stance != nil), stance.map { String($0.value) }, nil,
                ], doing: "recording the event"
            ).one(String.self)
            try connection.query(
                AdjudicationQueries.upsert,
                [
                    study.id, statement.id, code.id, lead.id, String(stance != nil), stance.map { String($0.value) },
                    seq,
                ], doing: "storing the adjudication")
            return CodingChange(
                kind: current == nil ? .applied : .changed, statement: statement.reference, code: code.key, old: old,
                new: stance)
        }
    }
}
