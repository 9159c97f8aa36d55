import ArgumentParser
import ViewpointsStore

extension Viewpoints.Export {
    struct Codings: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "statement,coder,code,stance,note; with --final: statement,code,stance,basis.")

        @Flag(help: "The final coding (adjudicated, single or agreed); unresolved pairs are counted on stderr.")
        var final = false
        @OptionGroup var options: ExportOptions

        func run() throws {
            if final {
                var unresolved = 0
                try options.run("final codings") { unresolved = try $0.exportFinalCodings(study: $1, $2) }
                if unresolved > 0 {
                    warn(
                        "\(unresolved) unresolved (reviewers differ, not adjudicated): not exported; see `viewpoints disagreements`"
                    )
                }
            } else {
                try options.run("codings") { try $0.exportCodings(study: $1, $2) }
            }
        }
    }
}
