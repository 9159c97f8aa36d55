import ArgumentParser
import ViewpointsStore

extension Viewpoints {
    struct Disagreements: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Statements and codes where reviewing coders differ, and adjudications made stale since.")

        @Option(help: ArgumentHelp("Compare only these coders (comma-separated).", valueName: "a,b")) var coders:
            String?
        @Option(help: "table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let names = coders.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            let list = try database.withStudy(studyOptions.resolvedSlug) { store, study in
                try store.disagreements(study: study, coders: names)
            }
            let table = Table(
                header: ["statement", "code", "status", "decisions", "adjudication"],
                rows: list.map { [$0.statement, $0.code, $0.status, $0.decisions, $0.adjudication] })
            print(table.render(format), terminator: "")
        }
    }
}
