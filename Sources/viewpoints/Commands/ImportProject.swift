import ArgumentParser
import Foundation
import ViewpointsCore
import ViewpointsStore

extension Viewpoints.Import {
    struct Project: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a REFI-QDA project (.qdpx, or a .qde beside its Sources folder) in one transaction.",
            discussion: """
                Codes become the codebook (deeper levels folded into their proposition), Cases and their Variables \
                (or --participants) the participants, each text source's paragraphs statements (redacted before \
                they are stored), users coders, and each coded selection its coder's coding of every statement it \
                overlaps. Positions are read in Unicode code points or UTF-16 code units, whichever puts every \
                selection on word boundaries; PDF, picture, audio and video sources and missing files are skipped \
                and counted.
                """)

        @Argument(help: "A .qdpx archive, or a project.qde with its Sources/ folder beside it.") var file: String
        @Option(
            help: ArgumentHelp(
                "The participants CSV: participants come from it instead of the Cases, and its names are redacted.",
                valueName: "file"))
        var participants: String?
        @Option(
            help: ArgumentHelp(
                "CSV mapping Case (or source) names to participants' identifiers: speaker,participant.",
                valueName: "file"))
        var speakers: String?
        @Option(help: ArgumentHelp("A file of extra terms to redact, one per line.", valueName: "file")) var redact:
            String?
        @Flag(help: "Refuse codes deeper than two levels instead of folding them.") var strict = false
        @OptionGroup var identifying: IdentifyingOptions
        @OptionGroup var common: CommonImportOptions

        func run() throws {
            let project = try report { try Self.read(file, strict: strict) }
            var options = common.applied(to: ProjectImportOptions())
            options.participantsFile = try InputFile.open(ifGiven: participants)
            options.identifying = identifying.columns
            options.keepAttributes = identifying.kept
            if let redact { options.redactTerms = try Viewpoints.Import.readRedactTerms(redact) }
            // a Case named as a participant (in the participants file) or mapped by --speakers is that participant
            let mapping = try identifying.speakerMapping(participants: options.participantsFile, speakers: speakers)
            options.identifiers = project.identifiers(from: mapping)
            let result = try common.withStudy {
                try $0.importQDAProject(project, file: file, study: $1, options: options)
            }
            project.warnings.forEach { warn("viewpoints: warning: \($0)") }
            (result.participants.warnings + result.statements.warnings).forEach {
                warn("viewpoints: warning: \($0.sentence)")
            }
            Self.describe(project).forEach { print($0) }
            result.codebook.map { print($0) }
            print(result.participants.summary)
            print(result.statements.summary)
            print(result.codings.summary)
            for (lead, summary) in result.adjudications { print("\(summary) (lead \(lead))") }
        }

        /// Reads the project: a .qdpx in memory, or a .qde whose sources are files in the `Sources` folder beside it.
        static func read(_ path: String, strict: Bool) throws -> QDAProjectImport {
            let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
            guard let data = FileManager.default.contents(atPath: path) else {
                warn("viewpoints: error: cannot read \(path)")
                throw ExitCode(66)
            }
            guard size <= QDAProjectArchive.largestEntry else {
                throw ImportFailure(problems: [
                    ImportProblem(
                        file: path, line: 1, column: 1,
                        message: "the file is \(size >> 20) MB; projects over "
                            + "\(QDAProjectArchive.largestEntry >> 20) MB are refused")
                ])
            }
            let bytes = [UInt8](data)
            if QDAProjectArchive.isArchive(bytes) {
                return try QDAProjectArchive(bytes, file: path).read(strict: strict)
            }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            return try QDAProjectReader.read(bytes, file: path, strict: strict) { name in
                sourceFile(name, in: folder)
            }
        }

        /// A source file inside the project's folder; nil when absent, too large, or named outside the folder.
        static func sourceFile(_ name: String, in folder: URL) -> [UInt8]? {
            let parts = name.split(separator: "/", omittingEmptySubsequences: false)
            guard !name.hasPrefix("/"), !parts.contains(".."), !parts.contains("") else { return nil }
            // some programs name the folder `sources/`
            let names = [name] + (name.hasPrefix("Sources/") ? ["sources/" + name.dropFirst("Sources/".count)] : [])
            guard
                let path = names.map({ folder.appendingPathComponent($0).path }).first(where: {
                    FileManager.default.fileExists(atPath: $0)
                })
            else { return nil }
            let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
            guard size <= QDAProjectArchive.largestEntry else { return nil }
            return FileManager.default.contents(atPath: path).map { [UInt8]($0) }
        }

        /// What was read: sources and their position units, selections, codings per user, and what was skipped.
        static func describe(_ project: QDAProjectImport) -> [String] {
            let units = Dictionary(grouping: project.units, by: \.unit).map {
                "\($0.value.count) in \($0.key.rawValue)"
            }
            var sources = "project: \(project.units.count) text source\(project.units.count == 1 ? "" : "s") read"
            if !units.isEmpty { sources += " (positions: " + units.sorted().joined(separator: "; ") + ")" }
            sources += ", \(project.selections) selection\(project.selections == 1 ? "" : "s")"
            var lines = [sources]
            let perCoder = project.codingsPerCoder.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            lines.append("codings by user: " + (perCoder.isEmpty ? "none" : perCoder.joined(separator: ", ")))
            if !project.skipped.isEmpty {
                lines.append(
                    "skipped: "
                        + project.skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
                        .joined(separator: ", "))
            }
            return lines
        }
    }
}
