/// A read project's statements as rows for the statements pipeline: each paragraph a statement whose id is its
/// source's GUID's start and its place there (`src-6f1d2c3b-003`), so a re-import matches what is stored and no id
/// carries a source's name, which is often a person's (a Viewpoints export's statements keep their ids); the participant is
/// the Case's (or source's) name, or the identifier `identifiers` gives for it (from `--speakers`).
public struct QDAStatementRows: StatementRowSource {
    public let participantKey = StatementsFile.ParticipantKey.identifier
    public let hasSeqColumn = false
    /// Every statement's row, in the project's order (the index a `QDAProjectImport.Coding.statement` names).
    public let rows: [StatementsFile.Row]
    var next = 0

    public init(_ project: QDAProjectImport, file: String, identifiers: [String: String] = [:]) {
        var counts: [String: Int] = [:]
        rows = project.statements.map { statement in
            let base = "src-" + (statement.sourceKey.isEmpty ? "0" : statement.sourceKey)
            let number = (counts[base] ?? 0) + 1
            counts[base] = number
            let id =
                statement.id ?? base + "-" + (number < 10 ? "00" : number < 100 ? "0" : "") + String(number)
            return StatementsFile.Row(
                line: statement.line, participant: identifiers[statement.participant] ?? statement.participant,
                participantColumn: 1, text: statement.text, id: id, idColumn: 1, question: nil,
                source: statement.source, seq: nil, seqColumn: 1, file: file)
        }
    }

    /// The statement ids, by statement index.
    public var ids: [String] { rows.map { $0.id ?? "" } }

    public mutating func next(problems: inout ProblemList) throws -> StatementsFile.Row? {
        guard next < rows.count else { return nil }
        next += 1
        return rows[next - 1]
    }
}
