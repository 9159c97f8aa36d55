import ArgumentParser
import ViewpointsStore

/// `--format table|csv|json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// `--format`, `--study` and `--database-url`: what a command that lists rows of the study takes.
struct StudyTableOptions: ParsableArguments {
    @Option(help: "table, csv or json.") var format: OutputFormat = .table
    @OptionGroup var scope: StudyScope

    /// Reads the study's rows and prints them under `header` as an aligned table, CSV or JSON.
    func print(_ header: [String], numeric: Set<Int> = [], rows: (Store, Study) throws -> [[String]]) throws {
        let table = Table(header: header, rows: try scope.withStudy(rows), numeric: numeric)
        Swift.print(table.render(format), terminator: "")
    }
}
