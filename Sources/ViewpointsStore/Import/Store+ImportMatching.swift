import ViewpointsCore

/// SQL over an import's stage table (`line, statement, code, statement_column, code_column`, …): the stage is
/// a fixed name, never a value, so composing it into the text is safe.
enum StageQueries {
    /// Staged statement references that match no statement of study $1 (at most 21, for messages).
    static func unknownStatements(in stage: String) -> String {
        """
        SELECT i.line, i.statement_column, i.statement
          FROM \(stage) i LEFT JOIN statement_refs r ON r.study_id = $1 AND r.reference = i.statement
         WHERE r.statement_id IS NULL ORDER BY i.line LIMIT 21
        """
    }

    /// Staged code keys that are not propositions of study $1, with whether each is a theme.
    static func unknownCodes(in stage: String) -> String {
        """
        SELECT i.line, i.code_column, i.code, c.code_id IS NOT NULL
          FROM \(stage) i LEFT JOIN codes c ON c.study_id = $1 AND c.key = i.code
         WHERE i.code IS NOT NULL AND (c.code_id IS NULL OR c.parent_id IS NULL) ORDER BY i.line LIMIT 21
        """
    }
}

/// Staged import counts: rows new, unchanged, changed, and stored rows the file does not name.
struct ImportCounts {
    var new: Int
    var unchanged: Int
    var changed: Int
    var notInFile: Int

    init(_ result: QueryResult) throws(StoreError) {
        (new, unchanged, changed, notInFile) = try result.one().decode((Int, Int, Int, Int).self)
    }

    /// Copies the counts into `summary`.
    func fill(_ summary: inout ImportSummary) {
        summary.new = new
        summary.unchanged = unchanged
        summary.changed = changed
        summary.notInFile = notInFile
    }
}

extension Store {
    /// Locks the study and sends `rows` into a fresh stage table (`create`, then `copy`): how the codings and
    /// adjudications imports begin.
    func stage<Rows: Sequence>(
        _ rows: Rows, study: Study, create: String, copy: String, doing what: String,
        _ fields: (Rows.Element) -> [String?]
    ) throws(StoreError) {
        try connection.query(StudyQueries.lockForImport, [study.id], doing: "locking the study")
        try connection.execute(create, doing: "preparing the import")
        try connection.copyIn(copy, doing: what) { (writer: inout CopyWriter) throws(StoreError) in
            for row in rows { try writer.row(fields(row)) }
        }
    }

    /// Adds a problem for each staged line whose statement or code matched nothing in the study: `statements` and
    /// `codes` return `line, column, value` (codes also whether the key is a theme).
    func addUnmatched(
        statements: String, codes: String, study: Study, themeAdvice: String, unknownCodeAdvice: String,
        to problems: inout ProblemList
    ) throws(StoreError) {
        for row in try connection.query(statements, [study.id], doing: "matching statements").rows {
            let (line, column, statement) = try row.decode((Int, Int, String).self)
            problems.add(
                line: line, column: column,
                "'statement' \(statement) is not a statement of study \(study.slug); give the id it was imported "
                    + "with, or PSEUDONYM:SEQ")
        }
        for row in try connection.query(codes, [study.id], doing: "matching codes").rows {
            let (line, column, code, isTheme) = try row.decode((Int, Int, String, Bool).self)
            problems.add(
                line: line, column: column,
                isTheme
                    ? "'code' \(code) is a theme; \(themeAdvice)"
                    : "'code' \(code) is not in the codebook of study \(study.slug); \(unknownCodeAdvice)")
        }
    }
}
