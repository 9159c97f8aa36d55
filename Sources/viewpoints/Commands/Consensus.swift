import ArgumentParser
import Foundation
import ViewpointsCore
import ViewpointsFiles
import ViewpointsStore

extension Viewpoints {
    struct Consensus: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Consensus per theme and proposition over final codings, participants as units.",
            discussion: """
                CSV columns: code, label, theme, (with --by: attribute, group, suppressed), participants, addressed, \
                support, neutral, oppose, participants_unresolved, coverage, share_support, share_oppose, wilson_low, \
                wilson_high, cns, consensus, phrase; with --robustness also fragility_phrase, fragility_class, \
                stability_phrase, stability_class, support_low, support_high, coders_agree, dissenting_coder. Undefined or suppressed numbers are empty cells (null in JSON); \
                theme rows carry counts only. Groups with fewer than --min-cell participants are suppressed, and \
                one more where the first could be recovered by subtraction; repeated queries (e.g. with different \
                --where values) are not protected. A warning goes to stderr when not every statement was reviewed \
                or anything is unresolved; with --require-complete that exits 65. See METHODS.md.
                """)

        @OptionGroup var options: ConsensusOptions
        @Option(help: "table, csv or json.") var format: OutputFormat = .table
        @Flag(help: "The table with every column of the CSV (the default table fits 100 columns).") var wide = false
        @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var out:
            String?
        @OptionGroup var fileMode: FileModeOption
        @OptionGroup var scope: StudyScope

        func run() throws {
            let request = options.request
            let result = try scope.withStudy { store, study in
                try store.consensusAsSession(
                    study: study, request: request)
            }
            try writeOutput(
                ConsensusOutput(report: result, request: request).render(format, toTerminal: out == nil, wide: wide),
                to: out, mode: fileMode.mode.value)
            try options.finish(result)
        }
    }
}

/// Prints `text`, or writes it to `path` (`-`: standard output), exiting 73 when it cannot be written.
func writeOutput(_ text: String, to path: String?, mode: UInt32 = CSVWriter.privateMode) throws {
    guard let path, path != "-" else {
        print(text, terminator: "")
        return
    }
    do {
        var writer = try CSVWriter(path: path, mode: mode)
        try writer.writeRaw(Array(text.utf8))
        try writer.finish()
    } catch {
        warn("viewpoints: error: cannot write \(path): \(error.description)")
        throw ExitCode(73)
    }
}
