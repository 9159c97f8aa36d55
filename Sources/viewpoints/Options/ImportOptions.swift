import ArgumentParser
import ViewpointsCore
import ViewpointsStore

/// Options every import shares.
struct CommonImportOptions: ParsableArguments {
    @Flag(help: "Replace rows that changed instead of refusing them.") var update = false
    @Flag(name: .customLong("dry-run"), help: "Check everything and report, but write nothing.") var dryRun = false

    /// `options` with these flags set.
    func applied<Options: ImportModeOptions>(to options: Options) -> Options {
        var options = options
        options.update = update
        options.dryRun = dryRun
        return options
    }
}

/// `--identifying COLS` and `--keep-attribute COLS`.
struct IdentifyingOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Comma-separated identifying columns besides participant, name, email and phone: used for matching and "
                + "redaction, never stored.", valueName: "cols"))
    var identifying: [String] = []
    @Option(
        name: .customLong("keep-attribute"),
        help: ArgumentHelp(
            "Comma-separated columns to store as attributes although their header or values look identifying.",
            valueName: "cols"))
    var keepAttribute: [String] = []

    var columns: [String] { ParticipantsFile.defaultIdentifying + Self.split(identifying) }
    var kept: [String] { Self.split(keepAttribute) }

    static func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { String($0).trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
    }
}
