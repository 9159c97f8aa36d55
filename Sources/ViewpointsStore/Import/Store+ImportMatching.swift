import ViewpointsCore

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
