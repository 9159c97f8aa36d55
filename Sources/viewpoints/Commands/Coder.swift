import ArgumentParser
import ViewpointsStore

extension Viewpoints {
    struct Coder: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add and list the study's coders.", subcommands: [Add.self, List.self])
    }
}

extension Viewpoints.Coder {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a coder to the study.")

        @Argument(help: "Letters, digits, '.', '_' and '-' (e.g. coder-a).") var name: String
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let added = try database.withStudy(studyOptions.resolvedSlug) { store, study in
                try store.addCoder(name: name, study: study)
            }
            print(added ? "added coder \(name)" : "coder \(name) already exists")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List coders with what each has done.")

        @Option(help: "table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let coders = try database.withStudy(studyOptions.resolvedSlug) { try $0.coders(study: $1) }
            let table = Table(
                header: ["coder", "reviewed", "codings", "created"],
                rows: coders.map { [$0.name, String($0.statementsReviewed), String($0.codings), $0.createdAt] },
                numeric: [1, 2])
            print(table.render(format), terminator: "")
        }
    }
}
