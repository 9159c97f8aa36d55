import ArgumentParser
import ViewpointsStore

extension Viewpoints {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The audit trail: every coding change, review and adjudication, in order.")

        @Option(help: ArgumentHelp("Only this statement.", valueName: "ref")) var statement: String?
        @Option(help: ArgumentHelp("Only this coder.", valueName: "name")) var coder: String?
        @OptionGroup var options: StudyTableOptions

        func run() throws {
            let header = ["seq", "at", "coder", "statement", "code", "action", "old", "new", "note"]
            try options.print(header, numeric: [0]) {
                try $0.history(study: $1, statement: statement, coder: coder).map {
                    [String($0.seq), $0.at, $0.coder, $0.statement, $0.code, $0.action, $0.old, $0.new, $0.note]
                }
            }
        }
    }
}
