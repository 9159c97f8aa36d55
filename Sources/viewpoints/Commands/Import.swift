import ArgumentParser
import Foundation
import ViewpointsCore
import ViewpointsFiles
import ViewpointsStore

extension Viewpoints.Import {
    struct Participants: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import participants: identifiers become keyed digests; other columns become attributes.")

        @Argument(help: "CSV with a header and a 'participant' column.") var file: String
        @OptionGroup var identifying: IdentifyingOptions
        @Option(help: "Number new pseudonyms by 'digest' (default) or 'file' order.") var order: PseudonymOrder =
            .digest
        @OptionGroup var common: CommonImportOptions

        func run() throws {
            var options = common.applied(to: ParticipantImportOptions())
            options.identifying = identifying.columns
            options.keepAttributes = identifying.kept
            options.fileOrder = order == .file
            let result = try common.withStudy { store, study in
                try store.importParticipants(file: InputFile.open(path: file), study: study, options: options)
            }
            result.warnings.forEach { warn("viewpoints: warning: \($0.sentence)") }
            print(result.summary)
            if let first = result.newPseudonyms.first, let last = result.newPseudonyms.last {
                print("new pseudonyms: \(first == last ? first : "\(first)–\(last)")")
            }
        }
    }

    enum PseudonymOrder: String, ExpressibleByArgument {
        case digest, file
    }

    struct Statements: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import statements, redacting e-mails, phones, names and --redact terms before anything is sent.")

        @Argument(help: "CSV: participant (or pseudonym), text, and optionally id, question, source, seq.") var file:
            String
        @Option(help: ArgumentHelp("The participants CSV, so every participant's name is redacted.", valueName: "file"))
        var participants: String?
        @Option(help: ArgumentHelp("A file of extra terms to redact, one per line.", valueName: "file")) var redact:
            String?
        @Flag(name: .customLong("show-redactions"), help: "List every replacement as FILE:LINE.") var showRedactions =
            false
        @OptionGroup var identifying: IdentifyingOptions
        @OptionGroup var common: CommonImportOptions

        func run() throws {
            var options = common.applied(to: StatementImportOptions())
            options.identifying = identifying.columns
            options.keepAttributes = identifying.kept
            if let redact { options.redactTerms = try Viewpoints.Import.readRedactTerms(redact) }
            let path = file
            if showRedactions {
                options.onRedaction = { line, redaction in
                    print(
                        "\(path):\(line): \(redaction.kind.summaryName): \(redaction.original) → \(redaction.replacement)"
                    )
                }
            }
            let progress = Progress(label: "statements")
            if progress.enabled { options.onProgress = { progress.update($0) } }
            let result = try common.withStudy { store, study in
                options.participantsFile = try InputFile.open(ifGiven: participants)
                return try store.importStatements(file: InputFile.open(path: file), study: study, options: options)
            }
            progress.finish()
            result.warnings.forEach { warn("viewpoints: warning: \($0.sentence)") }
            print(result.summary)
        }
    }

    /// The terms of a `--redact` file, one per line (`#` starts a comment line).
    static func readRedactTerms(_ path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            warn("viewpoints: error: cannot read the --redact file \(path)")
            throw ExitCode(66)
        }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    struct Codebook: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a codebook: a CSV key,label,description,parent, or a REFI-QDA codebook (.qdc).",
            discussion: """
                A file ending in .qdc, .qde or .xml is read as REFI-QDA (QDA-XML): top-level codes become themes, \
                their children propositions, and deeper levels are folded into their proposition (listed as \
                warnings; --strict refuses them). Keys are made from the names; the names are kept as labels.
                """)

        @Argument(help: "CSV with key,label,description,parent, or a REFI-QDA .qdc file.") var file: String
        @Flag(help: "REFI-QDA: refuse codes deeper than two levels instead of folding them.") var strict = false
        @OptionGroup var common: CommonImportOptions

        static let qdaExtensions: Set<String> = ["qdc", "qde", "xml"]

        func run() throws {
            let options = common.applied(to: ImportMode())
            guard Self.qdaExtensions.contains(URL(fileURLWithPath: file).pathExtension.lowercased()) else {
                let summary = try common.withStudy {
                    try $0.importCodebook(file: InputFile.open(path: file), study: $1, options: options)
                }
                print(summary)
                return
            }
            guard let data = FileManager.default.contents(atPath: file) else {
                warn("viewpoints: error: cannot read \(file)")
                throw ExitCode(66)
            }
            let result = try common.withStudy {
                try $0.importQDACodebook(
                    bytes: [UInt8](data), path: file, study: $1, options: options, strict: strict)
            }
            result.warnings.forEach { warn("viewpoints: warning: \($0)") }
            print(result.summary)
        }
    }
}
