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

/// `--identifying COLS`.
struct IdentifyingOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Comma-separated identifying columns: used for matching and redaction, never stored.", valueName: "cols"))
    var identifying = ParticipantsFile.defaultIdentifying.joined(separator: ",")

    var columns: [String] {
        identifying.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
