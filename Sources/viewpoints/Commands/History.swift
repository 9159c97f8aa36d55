import ArgumentParser
import ViewpointsStore

extension Viewpoints {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The audit trail: every coding change, review and adjudication, in order.")

        @Option(help: ArgumentHelp("Only this statement.", valueName: "ref")) var statement: String?
        @Option(help: ArgumentHelp("Only this coder.", valueName: "name")) var coder: String?
        @Option(help: "table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let events = try database.withStudy(studyOptions.resolvedSlug) { store, study in
                try store.history(
                    study: study, statement: statement, coder: coder)
            }
            let table = Table(
                header: ["seq", "at", "coder", "statement", "code", "action", "old", "new", "note"],
                rows: events.map {
                    [String($0.seq), $0.at, $0.coder, $0.statement, $0.code, $0.action, $0.old, $0.new, $0.note]
                }, numeric: [0])
            print(table.render(format), terminator: "")
        }
    }
}
