import ArgumentParser
import ViewpointsStore

extension Viewpoints {
    struct Disagreements: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Statements and codes where reviewing coders differ, and adjudications made stale since.")

        @Option(help: ArgumentHelp("Compare only these coders (comma-separated).", valueName: "a,b")) var coders:
            String?
        @OptionGroup var options: StudyTableOptions

        func run() throws {
            let names = coders.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            try options.print(["statement", "code", "status", "decisions", "adjudication"]) {
                try $0.disagreements(study: $1, coders: names).map {
                    [$0.statement, $0.code, $0.status, $0.decisions, $0.adjudication]
                }
            }
        }
    }
}
