import ViewpointsCore

extension Store {
    /// Imports a lead's decisions `statement,code,stance` (empty stance: absent) in one transaction.
    public func importAdjudications(path: String, study: Study, lead: String, options: CodingImportOptions) throws
        -> ImportSummary
    {
        let lead = try coder(named: lead, study: study)
        let file = try AdjudicationsFile.read(path: path)
        var summary = ImportSummary(kind: "adjudications")
        summary.dryRun = options.dryRun
        summary.updated = options.update
        try importTransaction(dryRun: options.dryRun, doing: "importing adjudications") {
            try connection.query(StudyQueries.lockForImport, [study.id], doing: "locking the study")
            try connection.execute(AdjudicationQueries.createStage, doing: "preparing the import")
            try connection.copyIn(AdjudicationQueries.copyStage, doing: "sending adjudications") {
                (writer: inout CopyWriter) throws(StoreError) in
                for row in file.rows {
                    try writer.row([
                        String(row.line), row.statement, row.code, row.stance.map { String($0.value) },
                        String(row.statementColumn), String(row.codeColumn),
                    ])
                }
            }
            var problems = ProblemList(file: path)
            for row in try connection.query(
                AdjudicationQueries.unknownStatements, [study.id], doing: "matching statements"
            ).rows {
                problems.add(
                    line: Int(row[0]!)!, column: Int(row[1]!)!,
                    "'statement' \(row[2]!) is not a statement of study \(study.slug); give the id it was imported "
                        + "with, or PSEUDONYM:SEQ")
            }
            for row in try connection.query(AdjudicationQueries.unknownCodes, [study.id], doing: "matching codes").rows
            {
                problems.add(
                    line: Int(row[0]!)!, column: Int(row[1]!)!,
                    row[3] == "t"
                        ? "'code' \(row[2]!) is a theme; adjudicate one of its propositions"
                        : "'code' \(row[2]!) is not in the codebook of study \(study.slug); fix the key")
            }
            try problems.throwIfAny()
            try connection.query(AdjudicationQueries.resolve, [study.id], doing: "matching adjudications")
            let counts = try connection.query(
                AdjudicationQueries.classify, [study.id], doing: "classifying adjudications"
            ).rows[0]
            summary.new = Int(counts[0]!)!
            summary.unchanged = Int(counts[1]!)!
            summary.changed = Int(counts[2]!)!
            summary.notInFile = Int(counts[3]!)!
            if summary.changed > 0 && !options.update {
                for row in try connection.query(AdjudicationQueries.changedLines, doing: "listing changes").rows {
                    problems.add(
                        line: Int(row[0]!)!, column: 1,
                        "the decision on \(row[1]!) and \(row[2]!) differs from the stored one "
                            + "(\(row[3]!) → \(row[4]!)); pass --update to replace it")
                }
                try problems.throwIfAny()
            }
            try connection.query(
                AdjudicationQueries.write, [study.id, lead.id, String(options.update)],
                doing: "storing adjudications")
        }
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
            let old = current.flatMap { $0[1] }.flatMap { Int($0) }.flatMap { Stance($0) }
            let seq = try connection.query(
                CodingQueries.insertEvent,
                [
                    study.id, lead.id, statement.id, code.id, "adjudicate",
                    current.map { $0[0] == "t" ? "true" : "false" },
                    old.map { String($0.value) }, String(stance != nil), stance.map { String($0.value) }, nil,
                ], doing: "recording the event"
            ).scalar!
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
