import ArgumentParser
import Foundation
import ViewpointsCore
import ViewpointsFiles
import ViewpointsStore

extension Viewpoints.Import {
    struct Transcripts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import interview transcripts (.txt, .md, .vtt, .srt, .docx) as statements, one per turn.",
            discussion: """
                Speakers become participants through --speakers (a CSV of speaker,participant[,file], where \
                participant is the source identifier or 'interviewer'), a label equal to a participant's name or \
                other identifying value in --participants, or --participant ID for a one-to-one interview. \
                Interviewer turns become the question of the statements that follow.
                """)

        @Argument(help: "Transcript files, or folders of them.") var files: [String]
        @Option(
            help: ArgumentHelp("The participants CSV: names are redacted and can be speaker labels.", valueName: "file")
        )
        var participants: String?
        @Option(
            help: ArgumentHelp(
                "CSV mapping speaker labels to participants: speaker,participant[,file].", valueName: "file"))
        var speakers: String?
        @Option(help: ArgumentHelp("The one participant of each file (one-to-one interviews).", valueName: "id"))
        var participant: String?
        @Option(help: "One statement per 'turn' (default) or 'paragraph'.") var split: TranscriptSplitOption = .turn
        @Option(
            name: .customLong("show-segments"),
            help: ArgumentHelp("Print the first N segments with speaker → pseudonym and redactions.", valueName: "n"))
        var showSegments = 0
        @Option(help: ArgumentHelp("A file of extra terms to redact, one per line.", valueName: "file")) var redact:
            String?
        @OptionGroup var identifying: IdentifyingOptions
        @OptionGroup var common: CommonImportOptions

        func run() throws {
            var options = TranscriptImportOptions()
            options.statements = common.applied(to: StatementImportOptions())
            let participantsFile = try report { try InputFile.open(ifGiven: participants) }
            options.statements.participantsFile = participantsFile
            options.statements.identifying = identifying.columns
            options.statements.keepAttributes = identifying.kept
            if let redact { options.statements.redactTerms = try Viewpoints.Import.readRedactTerms(redact) }
            options.showSegments = showSegments
            let paths = try Self.transcriptPaths(files)
            options.bulkBytes = paths.reduce(0) { total, path in
                total
                    + (((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0)
            }
            let mapping = try identifying.speakerMapping(
                participants: participantsFile, speakers: speakers, participant: participant)
            let rows = TranscriptRows(
                paths: paths, mapping: mapping, split: split.value,
                preview: showSegments, read: Self.readTranscript)
            let result = try common.withStudy { store, study in
                try store.importTranscripts(rows, study: study, options: options)
            }
            result.warnings.forEach { warn("viewpoints: warning: \($0.sentence)") }
            result.transcriptWarnings.forEach { warn("viewpoints: warning: \($0)") }
            for segment in result.segments { print(Self.describe(segment)) }
            print(result.summary)
            var line = "transcripts: \(result.files) file\(result.files == 1 ? "" : "s") read"
            if !result.leftOut.isEmpty {
                line +=
                    "; left out: "
                    + result.leftOut.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            }
            print(line)
        }

        /// The files named, folders replaced by the transcripts in them (sorted); a missing one exits 66.
        static func transcriptPaths(_ names: [String]) throws -> [String] {
            var paths: [String] = []
            for name in names {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: name, isDirectory: &isFolder) else {
                    warn("viewpoints: error: no such file or folder: \(name)")
                    throw ExitCode(66)
                }
                guard isFolder.boolValue else {
                    paths.append(name)
                    continue
                }
                let inside = (try? FileManager.default.contentsOfDirectory(atPath: name)) ?? []
                let folder = name.hasSuffix("/") ? name : name + "/"
                // a folder's README is about the transcripts, not one of them
                paths += inside.sorted().filter {
                    TranscriptFormat(path: $0) != nil && !$0.hasPrefix(".") && !$0.uppercased().hasPrefix("README.")
                }.map { folder + $0 }
            }
            guard !paths.isEmpty else {
                warn(
                    "viewpoints: error: no transcripts (.txt, .md, .vtt, .srt, .docx) in \(names.joined(separator: " "))"
                )
                throw ExitCode(66)
            }
            return paths
        }

        /// A transcript's bytes; a file larger than any transcript is refused before it is read.
        @Sendable static func readTranscript(_ path: String) throws -> [UInt8] {
            let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
            guard size <= TranscriptFormat.largestFile else {
                throw ImportFailure(problems: [
                    ImportProblem(
                        file: path, line: 1, column: 1,
                        message:
                            "the file is \(size >> 20) MB; transcripts over \(TranscriptFormat.largestFile >> 20) MB "
                            + "are refused")
                ])
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ImportFailure(problems: [
                    ImportProblem(file: path, line: 1, column: 1, message: "cannot read the file")
                ])
            }
            return [UInt8](data)
        }

        /// `FILE:LINE ID speaker → P07: text` (long text shortened), then its redactions; control characters from
        /// the file are shown escaped, so a transcript cannot drive the terminal.
        static func describe(_ segment: SegmentPreview) -> String {
            let who = "\(safe(segment.speaker)) → \(segment.pseudonym ?? "?")"
            let text = segment.text.count > 160 ? segment.text.prefix(157) + "…" : Substring(segment.text)
            var line = "\(segment.file):\(segment.line) \(safe(segment.id)) \(who): \(safe(text))"
            for redaction in segment.redactions {
                line +=
                    "\n    \(redaction.kind.summaryName): \(safe(redaction.original)) → \(safe(redaction.replacement))"
            }
            return line
        }

        static func safe(_ text: some StringProtocol) -> String {
            var out = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                switch scalar.value {
                case 0x0A, 0x0D: out.append(" ")
                case 0x00...0x08, 0x0B...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069:
                    out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
                default: out.append(scalar)
                }
            }
            return String(out)
        }
    }

    enum TranscriptSplitOption: String, ExpressibleByArgument {
        case turn, paragraph
        var value: TranscriptSplit { self == .turn ? .turn : .paragraph }
    }
}
