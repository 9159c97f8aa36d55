import ArgumentParser
import Foundation
import ViewpointsCore
import ViewpointsStore

/// Options every import shares: `--update`, `--dry-run`, and the study and database it imports into.
struct CommonImportOptions: ParsableArguments {
    @Flag(help: "Replace rows that changed instead of refusing them.") var update = false
    @Flag(name: .customLong("dry-run"), help: "Check everything and report, but write nothing.") var dryRun = false
    @OptionGroup var scope: StudyScope

    /// Opens the store, resolves the study and runs `body` with both.
    func withStudy<T>(_ body: (Store, Study) throws -> T) throws -> T { try scope.withStudy(body) }

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

extension IdentifyingOptions {
    /// How transcripts' speakers (or a project's Cases) become participants: the participants file's names and
    /// other identifying values, the `--speakers` map and, for one-to-one interviews, `--participant`.
    func speakerMapping(participants: InputFile?, speakers: String?, participant: String? = nil) throws
        -> SpeakerMapping
    {
        var rows: [ParticipantsFile.Row] = []
        if let participants {
            rows = try report {
                try ParticipantsFile.read(participants, identifying: columns, keepAttributes: kept).rows
            }
        }
        var mapping = SpeakerMapping(participants: rows, participant: participant)
        if let speakers {
            guard let data = FileManager.default.contents(atPath: speakers) else {
                warn("viewpoints: error: cannot read the --speakers file \(speakers)")
                throw ExitCode(66)
            }
            try report { try mapping.readMap([UInt8](data), file: speakers) }
        }
        return mapping
    }
}
