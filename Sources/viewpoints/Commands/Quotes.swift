import ArgumentParser
import ViewpointsCore
import ViewpointsStore

extension ParticipantStance.Position: ExpressibleByArgument {}

extension Viewpoints {
    struct Quotes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Exemplar statements for a proposition, pseudonymized, with their reference, for report writing.",
            discussion: """
                Each participant's strongest statement with a final coding of the proposition (one per participant, \
                so a talkative expert is not quoted twice), strongest stance first. --position keeps statements \
                whose final stance is support (> 0), oppose (< 0) or neutral (0). Texts are as stored: \
                pseudonymized and redacted on import. CSV and JSON: statement, participant, stance, question, text.
                """)

        @Option(help: ArgumentHelp("The proposition.", valueName: "key")) var code: String
        @Option(help: "support, oppose or neutral.") var position: ParticipantStance.Position?
        @Option(help: "At most this many statements.") var limit = 5
        @Option(help: "table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var scope: StudyScope

        func validate() throws {
            if limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        func run() throws {
            let quotes = try scope.withStudy { store, study in
                try store.quotes(
                    study: study, code: code, position: position,
                    limit: limit)
            }
            if format == .table {
                for q in quotes {
                    print("\(q.statement) (\(q.pseudonym), stance \(q.stance > 0 ? "+" : "")\(q.stance))")
                    print("  \(q.text)\n")
                }
                if quotes.isEmpty {
                    warn(
                        "viewpoints: note: no statement has a final coding of \(code)"
                            + (position == nil ? "" : " with that --position")
                            + "; see `viewpoints disagreements` for pairs still to adjudicate")
                }
                return
            }
            let table = Table(
                header: ["statement", "participant", "stance", "question", "text"],
                rows: quotes.map { [$0.statement, $0.pseudonym, String($0.stance), $0.question, $0.text] },
                numeric: [2])
            print(table.render(format), terminator: "")
        }
    }
}
