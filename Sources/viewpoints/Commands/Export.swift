import ArgumentParser
import ViewpointsCore
import ViewpointsFiles
import ViewpointsStore

/// Options every export shares.
struct ExportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var out: String?
    @Flag(help: "For Excel: a byte-order mark and CRLF line ends.") var excel = false
    @Flag(help: "Write cells as stored, without neutralizing formula-like text.") var raw = false
    @OptionGroup var fileMode: FileModeOption
    @OptionGroup var scope: StudyScope

    /// Opens the store and the output, runs `produce` with a row sink, and says where the file went.
    func run(_ what: String, _ produce: (Store, Study, ([String]) throws -> Void) throws -> Void) throws {
        try scope.withStudy { store, study in
            var export = try CSVExport(path: out, excel: excel, raw: raw, mode: fileMode.mode.value)
            var first = true
            var count = -1
            try produce(store, study) { fields in
                if first {
                    try export.header(fields)
                    first = false
                } else {
                    try export.row(fields)
                }
                count += 1
            }
            try export.finish()
            if let out, out != "-" { warn("wrote \(max(count, 0)) \(what) to \(out)") }
        }
    }
}

extension Viewpoints.Export {
    struct Participants: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pseudonyms and attributes (never identifiers).")
        @OptionGroup var options: ExportOptions
        func run() throws { try options.run("participants") { try $0.exportParticipants(study: $1, $2) } }
    }

    struct Statements: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "statement,participant,seq,question,source,text.")
        @OptionGroup var options: ExportOptions
        func run() throws { try options.run("statements") { try $0.exportStatements(study: $1, $2) } }
    }

    struct Codebook: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "key,label,description,parent,number; or REFI-QDA with --format qdc.")
        @Option(help: "csv, or qdc (a REFI-QDA codebook, Codebook.xsd).") var format: CodebookFormat = .csv
        @OptionGroup var options: ExportOptions

        func run() throws {
            guard format == .qdc else {
                try options.run("codes") { try $0.exportCodebook(study: $1, $2) }
                return
            }
            let xml = try options.scope.withStudy {
                try $0.exportQDACodebook(study: $1)
            }
            guard let out = options.out, out != "-" else {
                print(xml, terminator: "")
                return
            }
            try ReportFiles.write(xml, to: out, mode: Int(options.fileMode.mode.value))
            warn("wrote the codebook to \(out)")
        }
    }

    struct Project: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The study as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA, QualCoder (lead only).")
        @Option(help: "qdpx (a ZIP of project.qde, Project.xsd, and Sources/).") var format: ProjectFormat = .qdpx
        @Option(help: ArgumentHelp("The .qdpx file to write.", valueName: "file")) var out: String
        @OptionGroup var fileMode: FileModeOption
        @OptionGroup var scope: StudyScope

        func run() throws {
            let project = try scope.withStudy {
                try $0.exportQDAProject(study: $1, path: out, mode: fileMode.mode.value)
            }
            let codings = project.statements.reduce(0) { $0 + $1.decisions.filter { $0.code != nil }.count }
            warn(
                "wrote \(project.participants.count) cases, \(project.statements.count) selections, \(codings) codings "
                    + "by \(project.coders.count) users to \(out)")
        }
    }

    enum ProjectFormat: String, ExpressibleByArgument, CaseIterable {
        case qdpx
    }

    enum CodebookFormat: String, ExpressibleByArgument, CaseIterable {
        case csv, qdc
    }
}
