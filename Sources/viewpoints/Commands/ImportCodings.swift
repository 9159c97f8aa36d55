import ArgumentParser
import ViewpointsCore
import ViewpointsFiles
import ViewpointsStore

extension Viewpoints.Import {
    struct Codings: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import codings: statement,coder,code,stance[,note]; an empty code records a review only.")

        @Argument(help: "CSV with statement,coder,code,stance and optionally note.") var file: String
        @OptionGroup var common: CommonImportOptions

        func run() throws {
            let result = try common.withStudy {
                try $0.importCodings(
                    file: InputFile.open(path: file), study: $1, options: common.applied(to: ImportMode()))
            }
            print(result.summary)
            if !result.newCoders.isEmpty { print("new coders: \(result.newCoders.joined(separator: ", "))") }
        }
    }

    struct Adjudications: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a lead's decisions: statement,code,stance (empty stance: the code is absent).")

        @Argument(help: "CSV with statement,code,stance.") var file: String
        @Option(help: ArgumentHelp("The lead who decided (a coder of the study).", valueName: "name")) var coder: String
        @OptionGroup var common: CommonImportOptions

        func run() throws {
            let summary = try common.withStudy {
                try $0.importAdjudications(
                    file: InputFile.open(path: file), study: $1, lead: coder, options: common.applied(to: ImportMode()))
            }
            print(summary)
        }
    }
}
