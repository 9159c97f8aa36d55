import ArgumentParser
import ViewpointsStore

extension Viewpoints.Coder {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a coder to the study.")

        @Argument(help: "Letters, digits, '.', '_' and '-' (e.g. coder-a).") var name: String
        @OptionGroup var scope: StudyScope

        func run() throws {
            let added = try scope.withStudy { store, study in
                try store.addCoder(name: name, study: study)
            }
            print(added ? "added coder \(name)" : "coder \(name) already exists")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List coders with what each has done.")

        @OptionGroup var options: StudyTableOptions

        func run() throws {
            try options.print(["coder", "reviewed", "codings", "created"], numeric: [1, 2]) {
                try $0.coders(study: $1).map {
                    [$0.name, String($0.statementsReviewed), String($0.codings), $0.createdAt]
                }
            }
        }
    }
}
