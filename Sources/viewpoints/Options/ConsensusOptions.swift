import ArgumentParser
import ViewpointsCore
import ViewpointsStore

/// What `consensus` and `export tallies` share: which rows, which breakdown, suppression and thresholds.
struct ConsensusOptions: ParsableArguments {
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
    @Flag(
        help: """
            Add fragility (changes that alter the phrase, the class), panel resampling (stability, support \
            interval) and coder sensitivity to each proposition. See METHODS.md.
            """)
    var robustness = false
    @Option(help: ArgumentHelp("Bootstrap panels per row with --robustness.", valueName: "B")) var resamples = 2_000
    @Option(help: ArgumentHelp("Seed of the resampling (default: from the study's slug).", valueName: "S"))
    var seed: UInt64?

    func validate() throws {
        if code != nil && theme != nil { throw ValidationError("give --code or --theme, not both") }
        if minCell < 0 { throw ValidationError("--min-cell must be 0 (off) or more") }
        if minAddressed < 1 { throw ValidationError("--min-addressed must be at least 1") }
        if !(strong > 0.5 && strong <= 1) { throw ValidationError("--strong must be above 0.5 and at most 1") }
        if resamples < 1 || resamples > 1_000_000 { throw ValidationError("--resamples must be 1 … 1000000") }
        if !robustness && (seed != nil || resamples != 2_000) {
            throw ValidationError("--resamples and --seed need --robustness")
        }
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
            thresholds: ConsensusThresholds(minAddressed: minAddressed, strong: strong),
            robustness: robustness ? RobustnessRequest(resamples: resamples, seed: seed) : nil)
    }

    /// Prints the report's warnings to stderr; with `--require-complete`, exits 65 when coding is incomplete.
    func finish(_ report: ConsensusReport) throws {
        for warning in report.warnings(request) { warn("viewpoints: warning: \(warning.sentence)") }
        if requireComplete && !report.isComplete {
            warn("viewpoints: error: coding is not complete (--require-complete): the figures are provisional")
            throw ExitCode(65)
        }
    }
}
