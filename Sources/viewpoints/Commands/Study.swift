import ArgumentParser
import ViewpointsStore

extension Viewpoints.StudyCommand {
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a study and its pseudonymization key.")

        @Argument(help: "Short name: lower-case letters, digits, hyphens (e.g. ipr-2018).") var slug: String
        @Option(help: "Title shown in listings.") var title = ""
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open()
            let created = try report { try store.createStudy(slug: slug, title: title) }
            print("created study \(slug)")
            print(
                created.newKey
                    ? "key: \(created.keyPath) (new; back it up: without it participants cannot be re-matched)"
                    : "key: \(created.keyPath) (existing key reused: pseudonyms stay as before)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List studies with their counts.")

        @Option(help: "table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open()
            let studies = try report { try store.studyOverviews() }
            let table = Table(
                header: ["study", "title", "participants", "statements", "codes", "coders", "created"],
                rows: studies.map {
                    [
                        $0.slug, $0.title, String($0.participants), String($0.statements), String($0.codes),
                        String($0.coders), $0.createdAt,
                    ]
                }, numeric: [2, 3, 4, 5])
            print(table.render(format), terminator: "")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a study and everything in it.")

        @Argument(help: "The study to delete.") var slug: String
        @Flag(help: "Confirm the deletion.") var yes = false
        @Flag(name: .customLong("forget-key"), help: "Also delete the study's key file.") var forgetKey = false
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard yes else {
                throw ValidationError("deleting study '\(slug)' removes all its data: add --yes to confirm")
            }
        }

        func run() throws {
            let store = try database.open()
            let result = try report { try store.deleteStudy(slug: slug, forgetKey: forgetKey) }
            guard result.deleted else {
                warn("viewpoints: error: no study '\(slug)' in this database")
                throw ExitCode(65)
            }
            print("deleted study \(slug)")
            if let key = result.keyRemoved { print("removed key \(key)") }
        }
    }
}
