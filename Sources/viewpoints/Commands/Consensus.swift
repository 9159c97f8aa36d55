import ArgumentParser
import Foundation
import ViewpointsCore
import ViewpointsStore

extension Viewpoints {
    struct Consensus: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Consensus per theme and proposition over final codings, participants as units.",
            discussion: """
                CSV columns: code, label, theme, (with --by: attribute, group, suppressed), participants, addressed, \
                support, neutral, oppose, participants_unresolved, coverage, share_support, share_oppose, wilson_low, \
                wilson_high, cns, consensus, phrase. Undefined or suppressed numbers are empty cells (null in JSON); \
                theme rows carry counts only. Groups with fewer than --min-cell participants are suppressed, and \
                one more where the first could be recovered by subtraction; repeated queries (e.g. with different \
                --where values) are not protected. A warning goes to stderr when not every statement was reviewed \
                or anything is unresolved; with --require-complete that exits 65. See METHODS.md.
                """)

        @Option(help: ArgumentHelp("Only this proposition.", valueName: "key")) var code: String?
        @Option(help: ArgumentHelp("Only this theme and its propositions.", valueName: "key")) var theme: String?
        @Option(help: ArgumentHelp("Break down by this participant attribute.", valueName: "attribute")) var by: String?
        @Option(
            name: .customLong("where"),
            help: ArgumentHelp("Only participants with this attribute value.", valueName: "attr=value"))
        var filter: String?
        @Option(help: ArgumentHelp("Suppress groups with fewer participants (0: off).", valueName: "k"))
        var minCell = 5
        @Option(help: ArgumentHelp("Fewer participants who addressed it give no class.", valueName: "n"))
        var minAddressed = 3
        @Option(help: ArgumentHelp("Share of those who addressed it for a strong consensus.", valueName: "share"))
        var strong = 0.75
        @Flag(help: "Exit 65 when a statement is unreviewed or a pair unresolved.") var requireComplete = false
        @Option(help: "table, csv or json.") var format: OutputFormat = .table
        @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var out:
            String?
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if code != nil && theme != nil { throw ValidationError("give --code or --theme, not both") }
            if minCell < 0 { throw ValidationError("--min-cell must be 0 (off) or more") }
            if minAddressed < 1 { throw ValidationError("--min-addressed must be at least 1") }
            if !(strong > 0.5 && strong <= 1) { throw ValidationError("--strong must be above 0.5 and at most 1") }
            if filter != nil && parsedFilter == nil {
                throw ValidationError("--where needs ATTRIBUTE=VALUE, e.g. --where constituency=politician")
            }
        }

        var parsedFilter: (attribute: String, value: String)? {
            guard let filter, let equals = filter.firstIndex(of: "="), equals != filter.startIndex else { return nil }
            return (String(filter[..<equals]), String(filter[filter.index(after: equals)...]))
        }

        var request: ConsensusRequest {
            ConsensusRequest(
                code: code, theme: theme, by: by, filter: parsedFilter, minCell: minCell,
                thresholds: ConsensusThresholds(minAddressed: minAddressed, strong: strong))
        }

        func run() throws {
            let store = try database.open()
            let request = self.request
            let result = try report {
                try store.consensus(study: try store.resolveStudy(slug: studyOptions.resolvedSlug), request: request)
            }
            let text = ConsensusOutput(report: result, request: request).render(format, toTerminal: out == nil)
            try writeOutput(text, to: out)
            for line in result.warnings(request) { warn("viewpoints: warning: \(line)") }
            if requireComplete && !result.isComplete {
                warn("viewpoints: error: coding is not complete (--require-complete)")
                throw ExitCode(65)
            }
        }
    }
}

/// Prints `text`, or writes it to `path` (`-`: standard output), exiting 73 when it cannot be written.
func writeOutput(_ text: String, to path: String?) throws {
    guard let path, path != "-" else {
        print(text, terminator: "")
        return
    }
    do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    } catch {
        warn("viewpoints: error: cannot write \(path): \(error.localizedDescription)")
        throw ExitCode(73)
    }
}
